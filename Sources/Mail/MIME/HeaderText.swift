import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: plain ASCII as it is, anything else as UTF-8
/// encoded-words (`=?UTF-8?B?…?=`) of at most 75 characters, folded onto continuation lines.
public enum HeaderText {
    /// Longest encoded-word (RFC 2047 §2).
    static let maximumWordLength = 75
    /// The most UTF-8 bytes one encoded-word carries: 45 bytes are 60 base64 characters, 72 with the markers.
    static let bytesPerWord = 45
    /// Longer plain values are encoded too, so that every header line stays short.
    static let maximumPlainLength = 900

    /// An unstructured value (`Subject`), plain when it can be, encoded-words otherwise.
    /// Control characters must have been refused before: they are encoded, never written raw.
    public static func unstructured(_ text: String) -> String {
        isPlain(text) ? text : encodedWords(text)
    }

    /// A display name as a phrase (`From`, `To`, `List-Id`): an atom sequence as it is, other ASCII as a
    /// quoted string, anything else as encoded-words.
    public static func phrase(_ text: String) -> String {
        guard isPlain(text) else { return encodedWords(text) }
        let isAtoms = text.split(separator: " ").allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(MailAddress.isAtomCharacter) }
        if isAtoms { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// A mailbox for an address header: `phrase <address>` or the bare address.
    public static func mailbox(_ address: MailAddress) -> String {
        address.displayName.map { "\(phrase($0)) <\(address.address)>" } ?? address.address
    }

    /// Printable ASCII, short, and nothing a reader could take for an encoded-word.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.count <= maximumPlainLength && !text.contains("=?")
            && text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }

    /// `text` as base64 encoded-words, each holding whole characters, separated by a folding line break.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(character.utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > bytesPerWord {
                words.append(encodedWord(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
            // A single character longer than a word (a long emoji sequence) is cut at scalar boundaries.
            if bytes.count > bytesPerWord {
                for scalar in character.unicodeScalars {
                    let scalarBytes = Array(String(scalar).utf8)
                    if !chunk.isEmpty, chunk.count + scalarBytes.count > bytesPerWord {
                        words.append(encodedWord(chunk))
                        chunk.removeAll(keepingCapacity: true)
                    }
                    chunk += scalarBytes
                }
            } else {
                chunk += bytes
            }
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
