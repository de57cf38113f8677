/// The forms of `ETag` and `Last-Modified` values that are kept from a response and sent back in a
/// conditional request.
///
/// A value outside them is dropped, both when it arrives and when a stored one is about to be sent:
/// the next fetch is then unconditional, which costs one full download, whereas a kept value with a
/// line break or another control character would make every later request invalid.
enum HTTPValidator {
    /// Longest entity tag kept; real ones are hashes or version stamps of a few dozen characters.
    static let maxEntityTagBytes = 256
    /// Longest `Last-Modified` kept; an HTTP date has 29 characters.
    static let maxLastModifiedBytes = 128

    /// `value` when it is an entity tag (RFC 9110 §8.8.3: an optional `W/`, then a quoted string of
    /// visible ASCII other than `"`), or, as some servers send, an unquoted run of those characters;
    /// nil otherwise. Bytes beyond ASCII (allowed as obs-text) are refused: they could not be sent back
    /// byte for byte, and U+0085 or U+2028 would read as line breaks.
    static func entityTag(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= maxEntityTagBytes else { return nil }
        var tag = bytes[...]
        if tag.starts(with: "W/".utf8) {
            tag = tag.dropFirst(2)
        }
        guard tag.first == quote else {
            return bytes.allSatisfy(isEntityTagByte) ? value : nil
        }
        guard tag.count >= 2, tag.last == quote, tag.dropFirst().dropLast().allSatisfy(isEntityTagByte) else { return nil }
        return value
    }

    /// `value` when it is printable ASCII (spaces included) of a sane length; nil otherwise.
    ///
    /// It need not parse as a date: a server that follows RFC 9110 ignores an `If-Modified-Since` that is
    /// not one, and some servers compare the value with their own verbatim, so sending it back is harmless
    /// and sometimes useful.
    static func lastModified(_ value: String) -> String? {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= maxLastModifiedBytes, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return nil
        }
        return value
    }

    private static let quote = UInt8(ascii: "\"")

    /// RFC 9110's `etagc` without obs-text: `!` and `#` to `~`.
    private static func isEntityTagByte(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x7E).contains(byte)
    }
}
