import CUtf8proc
import Foundation

/// Turns text into the form every comparison in veilleur works on: compatibility-composed (NFKC),
/// case-folded, without diacritics, with ligatures and typographic variants reduced to plain ASCII.
///
/// "Pôle", "pole" and "PÔLE" fold to "pole"; "Œuvre" to "oeuvre"; "l’État" to "l'etat";
/// "2020–2024" to "2020-2024". Default-ignorable code points (soft hyphens, zero-width joiners) vanish,
/// so a word split by an invisible hyphenation hint in a feed is still one word.
public enum TextFolding {
    /// Folds `text` for comparison; see the type's documentation for what changes.
    public static func fold(_ text: String) -> String {
        if text.isEmpty { return text }
        let mapped = utf8procMap(text) ?? text.lowercased()
        return replaceVariants(mapped)
    }

    private static let options: utf8proc_option_t = utf8proc_option_t(
        rawValue: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPAT.rawValue | UTF8PROC_COMPOSE.rawValue
            | UTF8PROC_CASEFOLD.rawValue | UTF8PROC_STRIPMARK.rawValue | UTF8PROC_IGNORE.rawValue
    )

    /// Runs utf8proc over the UTF-8 bytes; `nil` only if utf8proc rejects the input, which a valid
    /// Swift string should never cause.
    private static func utf8procMap(_ text: String) -> String? {
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
            case 0x2019, 0x2018, 0x02BC, 0x2032, 0x201B: result.append("'")
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D: result.append("-")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
