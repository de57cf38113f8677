import CLibXML2

/// Rewrites the entity references of a feed that libxml2 found malformed, so that a second read keeps
/// the text the first one lost.
///
/// libxml2 2.9 drops every entity reference, `&amp;` included, once a document has shown one well-formedness
/// error, even in recover mode: after an undefined `&eacute;` or a stray `&`, every later `?a=1&amp;b=2`
/// came out as `?a=1b=2`. Character references are not affected, so the predefined entities become
/// character references, HTML's named entities (undefined in XML, common in feeds written by hand) their
/// code points, and an `&` that starts no reference an escaped ampersand. References to entities the
/// document declares itself are left alone, as are comments, CDATA sections, processing instructions and the
/// DOCTYPE. Works on bytes in an ASCII-compatible encoding, where `&`, `;`, `<` and `>` are always themselves.
enum EntityReferenceRewriter {
    /// Longest entity name considered; beyond it the `&` is taken as a plain ampersand.
    private static let maxNameLength = 32

    /// `decoding` with its references rewritten; nil when its encoding is not ASCII-compatible or nothing changes.
    static func rewritten(_ decoding: CharsetHint.XMLDecoding) -> CharsetHint.XMLDecoding? {
        let utf16BOM = decoding.encoding == nil && [[0xFE, 0xFF], [0xFF, 0xFE]].contains { decoding.bytes.starts(with: $0) }
        let encoding = (decoding.encoding ?? decoding.bytes.withBuffer(CharsetHint.declaredEncoding) ?? "UTF-8").uppercased()
        guard !utf16BOM, asciiCompatible(encoding), let bytes = decoding.bytes.withBuffer({ rewritten($0[...]) }) else { return nil }
        var result = decoding
        result.bytes = .owned(bytes[...])
        return result
    }

    static func rewritten(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        var output: [UInt8] = []
        var changed = false
        var declared: Set<String> = []
        var copiedUpTo = bytes.startIndex
        var index = bytes.startIndex
        output.reserveCapacity(bytes.count + bytes.count / 16)
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                index = endOfMarkupDeclaration(bytes, at: index, declared: &declared) ?? index + 1
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                index += 1
                continue
            }
            let (replacement, length) = reference(bytes, at: index, declared: declared)
            if let replacement {
                output.append(contentsOf: bytes[copiedUpTo..<index])
                output.append(contentsOf: replacement)
                changed = true
                copiedUpTo = index + length
            }
            index += length
        }
        guard changed else { return nil }
        output.append(contentsOf: bytes[copiedUpTo...])
        return output
    }

    /// The replacement for the reference starting at `index` (nil: keep it) and how many bytes it spans.
    private static func reference(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, at index: Int, declared: Set<String>) -> ([UInt8]?, Int) {
        let escapedAmpersand = Array("&#38;".utf8)
        var end = index + 1
        if end < bytes.endIndex, bytes[end] == UInt8(ascii: "#") {
            end += 1
            let hex = end < bytes.endIndex && (bytes[end] == UInt8(ascii: "x") || bytes[end] == UInt8(ascii: "X"))
            if hex { end += 1 }
            let digitsStart = end
            while end < bytes.endIndex, end - digitsStart < 8, isDigit(bytes[end], hex: hex) { end += 1 }
            if end > digitsStart, end < bytes.endIndex, bytes[end] == UInt8(ascii: ";") {
                // XML wants a lowercase x; HTML, and so feeds written by hand, accept both.
                guard hex, bytes[index + 2] == UInt8(ascii: "X") else { return (nil, end + 1 - index) }
                return (Array("&#x".utf8) + bytes[digitsStart...end], end + 1 - index)
            }
            return (escapedAmpersand, 1)
        }
        while end < bytes.endIndex, end - index <= maxNameLength, isNameByte(bytes[end], first: end == index + 1) { end += 1 }
        guard end > index + 1, end < bytes.endIndex, bytes[end] == UInt8(ascii: ";") else { return (escapedAmpersand, 1) }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        let length = end + 1 - index
        if let predefined = predefined[name] { return (Array("&#\(predefined);".utf8), length) }
        if declared.contains(name) { return (nil, length) }
        if let entity = htmlEntityLookup(name) { return (Array("&#\(entity.pointee.value);".utf8), length) }
        // Unknown everywhere: keep it as the text it was written as rather than lose it.
        return (escapedAmpersand, 1)
    }

    private static let predefined: [String: Int] = ["amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39]

    /// When `<` at `index` opens a comment, CDATA section, processing instruction or DOCTYPE, the index just
    /// past its end (the end of the input when unterminated), noting the entities a DOCTYPE declares; else nil.
    private static func endOfMarkupDeclaration(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, at index: Int, declared: inout Set<String>) -> Int? {
        let rest = bytes[index...]
        if rest.starts(with: "<!--".utf8) { return end(of: "-->", in: bytes, from: index + 4) }
        if rest.starts(with: "<![CDATA[".utf8) { return end(of: "]]>", in: bytes, from: index + 9) }
        if rest.starts(with: "<?".utf8) { return end(of: "?>", in: bytes, from: index + 2) }
        guard rest.starts(with: "<!DOCTYPE".utf8) else { return nil }
        var cursor = index + 9
        var quote: UInt8?
        var inSubset = false
        while cursor < bytes.endIndex {
            let byte = bytes[cursor]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: ">"), !inSubset {
                return cursor + 1
            } else if inSubset, bytes[cursor...].starts(with: "<!ENTITY".utf8) {
                cursor += 8
                while cursor < bytes.endIndex, isSpace(bytes[cursor]) { cursor += 1 }
                let nameStart = cursor
                while cursor < bytes.endIndex, isNameByte(bytes[cursor], first: cursor == nameStart) { cursor += 1 }
                if cursor > nameStart { declared.insert(String(decoding: bytes[nameStart..<cursor], as: UTF8.self)) }
                continue
            } else if inSubset, bytes[cursor...].starts(with: "<!--".utf8) {
                cursor = end(of: "-->", in: bytes, from: cursor + 4)
                continue
            }
            cursor += 1
        }
        return bytes.endIndex
    }

    private static func end(of terminator: String, in bytes: Slice<UnsafeBufferPointer<UInt8>>, from start: Int) -> Int {
        let pattern = Array(terminator.utf8)
        var cursor = start
        while cursor + pattern.count <= bytes.endIndex {
            if bytes[cursor] == pattern[0], bytes[cursor..<(cursor + pattern.count)].elementsEqual(pattern) {
                return cursor + pattern.count
            }
            cursor += 1
        }
        return bytes.endIndex
    }

    private static func asciiCompatible(_ encoding: String) -> Bool {
        ["UTF-8", "UTF8", "US-ASCII", "ASCII"].contains(encoding) || encoding.hasPrefix("ISO-8859")
            || encoding.hasPrefix("WINDOWS-125") || encoding.hasPrefix("CP125") || encoding.hasPrefix("KOI8")
            || encoding.hasPrefix("LATIN")
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        (0x30...0x39).contains(byte) || (hex && ((0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)))
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        if first { return letter }
        return letter || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
