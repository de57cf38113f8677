import CLibXML2

/// Markup to plain text in one pass over its UTF-8 bytes, without building a tree.
///
/// Reads text the way libxml2's HTML parser does where that changes the words: a `<` that starts no tag
/// stays text, `<!DOCTYPE`, comments and processing instructions are skipped, script and style bodies are
/// raw text that is dropped, named references are HTML 4's with `;` and, as HTML5 reads text, the legacy
/// ones (`&eacute`, `&nbsp`, `&copy`…) without it, numeric references without `;` count, and references to
/// code points 0x80–0x9F are read as windows-1252, as HTML5 does. Tags are not nested: an element's start
/// and end tags separate words when its name is a block one, which is all that reading text needs of them.
struct HTMLTextScanner {
    private let rules: MarkupTextRules
    private var builder = PlainTextBuilder()

    private init(rules: MarkupTextRules) {
        self.rules = rules
    }

    /// The plain text of `html`, read with `rules`.
    static func text(fromUTF8 html: UnsafeBufferPointer<UInt8>, rules: MarkupTextRules) -> String {
        var scanner = HTMLTextScanner(rules: rules)
        scanner.builder.reserveCapacity(html.count)
        scanner.scan(html)
        return scanner.builder.text
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let end = bytes.count
        while index < end, !builder.isFull {
            index = builder.appendUntilMarkup(bytes, from: index)
            guard index < end, !builder.isFull else { return }
            index = bytes[index] == Self.ampersand ? reference(bytes, at: index) : markup(bytes, at: index)
        }
    }

    // MARK: - Tags

    /// Reads the markup at `index` (a `<`) and returns where text resumes.
    private mutating func markup(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if next == UInt8(ascii: "!") {
            if Self.starts(bytes, at: index + 2, with: "--") {
                return Self.end(of: "-->", in: bytes, from: index + 4)
            }
            if Self.startsIgnoringCase(bytes, at: index + 2, with: "doctype") {
                return Self.end(of: ">", in: bytes, from: index + 2)
            }
        } else if next == UInt8(ascii: "?") {
            return Self.end(of: ">", in: bytes, from: index + 2)
        } else if next == UInt8(ascii: "/") {
            guard index + 2 < bytes.count, Self.isLetter(bytes[index + 2]) else { return index + 2 }
            let (name, afterName) = Self.tagName(bytes, from: index + 2)
            if let name, rules.separating.contains(name) { builder.separate() }
            return Self.endOfTag(bytes, from: afterName)
        } else if Self.isLetter(next) {
            let (name, afterName) = Self.tagName(bytes, from: index + 1)
            let afterTag = Self.endOfTag(bytes, from: afterName)
            guard let name else { return afterTag }
            if rules.dropped.contains(name) {
                return Self.endOfRawText(bytes, from: afterTag, closing: Self.lowercased(bytes, from: index + 1, to: afterName))
            }
            if rules.separating.contains(name) { builder.separate() }
            return afterTag
        }
        builder.append(utf8: UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)]))
        return index + 1
    }

    /// The name of a tag starting at `start`, lowercased and packed (nil when it is longer than any name
    /// looked for), and the index just after it.
    private static func tagName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (TagNameSet.Key?, Int) {
        var end = start
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        return (TagNameSet.key(UnsafeBufferPointer(rebasing: bytes[start..<end]), lowercasing: true), end)
    }

    /// The bytes from `start` to `end` as a string, ASCII capitals lowercased.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            for offset in 0..<(end - start) {
                let byte = bytes[start + offset]
                buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return end - start
        }
    }

    /// The index after the `>` that closes a tag, skipping quoted attribute values; the end when it never closes.
    private static func endOfTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var afterEquals = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == greaterThan { return index + 1 }
            if afterEquals, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = index + 1
                while close < bytes.count, bytes[close] != byte { close += 1 }
                index = close + 1
                afterEquals = false
                continue
            }
            if byte == UInt8(ascii: "=") {
                afterEquals = true
            } else if !isSpace(byte) {
                afterEquals = false
            }
            index += 1
        }
        return bytes.count
    }

    /// The index after the end tag `</name …>` that closes a script or style body; the end when there is none.
    private static func endOfRawText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, closing name: String) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == lessThan, bytes[index + 1] == UInt8(ascii: "/"), startsIgnoringCase(bytes, at: index + 2, with: name) {
                let afterName = index + 2 + name.utf8.count
                if afterName >= bytes.count || !isNameByte(bytes[afterName]) { return endOfTag(bytes, from: afterName) }
            }
            index += 1
        }
        return bytes.count
    }

    // MARK: - References

    /// Decodes the reference at `index` (an `&`) and returns where text resumes.
    private mutating func reference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "#") {
            return numericReference(bytes, at: index)
        }
        var nameEnd = index + 1
        while nameEnd < bytes.count, nameEnd - index <= HTMLEntities.maxNameLength, Self.isAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
        let name = bytes[(index + 1)..<nameEnd]
        if nameEnd < bytes.count, bytes[nameEnd] == UInt8(ascii: ";"), let scalar = HTMLEntities.scalar(named: name) {
            append(scalar)
            return nameEnd + 1
        }
        // HTML5: without `;` (or when the whole name is unknown), the longest legacy name that starts it counts.
        if let (scalar, length) = HTMLEntities.longestLegacyPrefix(of: name) {
            append(scalar)
            return index + 1 + length
        }
        builder.append(utf8: UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)]))
        return index + 1
    }

    /// `&#…;` or `&#x…;`, the `;` optional; a reference to no character gives nothing, as in libxml2.
    private mutating func numericReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        var cursor = index + 2
        let hex = cursor < bytes.count && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
        if hex { cursor += 1 }
        var value: UInt32 = 0
        var digits = 0
        while cursor < bytes.count, let digit = Self.digitValue(bytes[cursor], hex: hex) {
            if value < 0x110000 { value = value * (hex ? 16 : 10) + UInt32(digit) }
            digits += 1
            cursor += 1
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") { cursor += 1 }
        if digits > 0, let scalar = Self.characterReference(value) { append(scalar) }
        return cursor
    }

    /// The character a numeric reference stands for: XML's characters, with 0x80–0x9F read as windows-1252.
    private static func characterReference(_ value: UInt32) -> Unicode.Scalar? {
        let mapped = (0x80...0x9F).contains(value) ? Windows1252.scalar(forC1: value) : value
        let isChar = mapped == 0x09 || mapped == 0x0A || mapped == 0x0D || (0x20...0xD7FF).contains(mapped)
            || (0xE000...0xFFFD).contains(mapped) || (0x10000...0x10FFFF).contains(mapped)
        return isChar ? Unicode.Scalar(mapped) : nil
    }

    /// Appends a decoded reference, encoded on the stack rather than in an array made for it.
    private mutating func append(_ scalar: Unicode.Scalar) {
        var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &encoded) { bytes in
            UTF8.encode(scalar) { unit in
                bytes[count] = unit
                count += 1
            }
        }
        withUnsafeBytes(of: encoded) { builder.append(utf8: UnsafeBufferPointer(rebasing: $0.assumingMemoryBound(to: UInt8.self)[..<count])) }
    }

    // MARK: - Bytes

    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let ampersand = UInt8(ascii: "&")

    private static func end(of terminator: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let pattern = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], (1..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] }) {
                return index + pattern.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with prefix: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard index + pattern.count <= bytes.count else { return false }
        return pattern.indices.allSatisfy { bytes[index + $0] == pattern[$0] }
    }

    private static func startsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with lowercase: some StringProtocol) -> Bool {
        var cursor = index
        for byte in lowercase.utf8 {
            guard cursor < bytes.count, bytes[cursor] == byte || (isLetter(bytes[cursor]) && bytes[cursor] | 0x20 == byte) else { return false }
            cursor += 1
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte)
    }

    /// Tag name bytes as libxml2's HTML parser takes them: letters, digits, `:`, `-`, `_`, `.`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46 where hex: byte - 0x41 + 10
        case 0x61...0x66 where hex: byte - 0x61 + 10
        default: nil
        }
    }
}
