import CUtf8proc
import Foundation

/// Turns text into the form every comparison in veilleur works on: compatibility-composed (NFKC),
/// case-folded, without diacritics, with ligatures and typographic variants reduced to plain ASCII.
///
/// "Pôle", "pole" and "PÔLE" fold to "pole"; "Œuvre" to "oeuvre"; "l’État" to "l'etat";
/// "2020–2024" to "2020-2024". Default-ignorable code points (soft hyphens, zero-width joiners) vanish,
/// so a word split by an invisible hyphenation hint in a feed is still one word.
///
/// ``caseFold(_:)`` stops before removing diacritics: the Snowball stemmers need the accents ("augmentée"
/// and "augmentee" stem differently), so words are stemmed in that form and their stems folded afterwards.
public enum TextFolding {
    /// Folds `text` for comparison; see the type's documentation for what changes.
    public static func fold(_ text: String) -> String {
        map(text, options: foldOptions)
    }

    /// Like ``fold(_:)`` but keeps diacritics: "Réalité Augmentée" gives "réalité augmentée", "Œuvre" gives
    /// "oeuvre". Folding the result with ``fold(_:)`` gives what folding the original gives.
    public static func caseFold(_ text: String) -> String {
        map(text, options: caseFoldOptions)
    }

    static let caseFoldOptions: utf8proc_option_t = utf8proc_option_t(
        rawValue: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPAT.rawValue | UTF8PROC_COMPOSE.rawValue
            | UTF8PROC_CASEFOLD.rawValue | UTF8PROC_IGNORE.rawValue
    )

    static let foldOptions: utf8proc_option_t = utf8proc_option_t(
        rawValue: caseFoldOptions.rawValue | UTF8PROC_STRIPMARK.rawValue
    )

    private static func map(_ text: String, options: utf8proc_option_t) -> String {
        if text.isEmpty { return text }
        // Plain ASCII needs nothing but lowercasing, and most words of French and English text are plain ASCII.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLowercased(text) }
        // Then Latin letters and typographic punctuation, from a table; utf8proc for the rest.
        let table = options == foldOptions ? LatinFolding.fold : LatinFolding.caseFold
        if let mapped = table.map(text) { return mapped }
        return mappedByUtf8proc(text, options: options)
    }

    /// What ``map(_:options:)`` gives without its shortcuts: utf8proc, then the variants it leaves.
    static func mappedByUtf8proc(_ text: String, options: utf8proc_option_t) -> String {
        // utf8proc strips U+0345 (the iota subscript, alone or from U+037A's decomposition) as a mark before it
        // would case-fold it to ι, which it does when marks are kept: case-folded first, such a text folds as its
        // case-folded form does (found by the `text` fuzzer).
        if options == foldOptions, text.unicodeScalars.contains(where: { $0.value == 0x345 || $0.value == 0x37A }) {
            return mappedByUtf8proc(mappedByUtf8proc(text, options: caseFoldOptions), options: options)
        }
        return replaceVariants(utf8procMap(text, options: options) ?? text.lowercased())
    }

    /// ``fold(_:)`` without its shortcuts, for tests that compare them.
    package static func foldByUtf8proc(_ text: String) -> String {
        mappedByUtf8proc(text, options: foldOptions)
    }

    /// ``caseFold(_:)`` without its shortcuts, for tests that compare them.
    package static func caseFoldByUtf8proc(_ text: String) -> String {
        mappedByUtf8proc(text, options: caseFoldOptions)
    }

    private static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Runs utf8proc over the UTF-8 bytes; `nil` only if utf8proc rejects the input, which a valid
    /// Swift string should never cause.
    private static func utf8procMap(_ text: String, options: utf8proc_option_t) -> String? {
        var bytes = Array(text.utf8)
        let count = bytes.count
        var output: UnsafeMutablePointer<utf8proc_uint8_t>?
        // The length is passed explicitly so that NUL characters inside the text are kept.
        let length = bytes.withUnsafeMutableBufferPointer { buffer in
            utf8proc_map(buffer.baseAddress, count, &output, options)
        }
        guard let output else { return nil }
        defer { free(output) }
        guard length >= 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self)
    }

    /// Reduces what Unicode normalisation leaves alone: ligatures that are letters in their own right,
    /// and the typographic apostrophes and dashes that French typesetting uses.
    private static func replaceVariants(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0153: result.append("o"); result.append("e")  // œ
            case 0x00E6: result.append("a"); result.append("e")  // æ
            case 0x00DF, 0x1E9E: result.append("s"); result.append("s")  // ß, ẞ
            default:
                if Separators.isApostrophe(scalar) {
                    result.append("'")
                } else if Separators.isDash(scalar) {
                    result.append("-")
                } else {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }
}
