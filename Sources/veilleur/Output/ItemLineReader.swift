/// A reader of the lines `match --items` reads, for the shape ``ItemLine`` writes: an object whose known
/// keys hold strings or null (`categories` an array of strings), and whatever else under other keys.
///
/// Reading each line with `JSONDecoder` cost more than matching it. This reader is strict JSON (RFC 8259)
/// and gives up (`nil`) on anything it is not sure of: invalid JSON, a known key with another type, a
/// known key twice, a lone surrogate escape. ``ItemLine/parse(_:)`` then asks `JSONDecoder`, so a line
/// reads as it always did, and an invalid line fails with the same error.
struct ItemLineReader {
    /// The fields of ``ItemLine/Wire``, by key.
    private(set) var strings: [String: String] = [:]
    private(set) var categories: [String]?
    private var seen: Set<String> = []
    private let bytes: [UInt8]
    private var index = 0

    static let stringKeys: Set<String> = ["title", "link", "id", "published", "updated", "author", "summary_text", "content_text"]

    private init(_ line: Substring) {
        // Copied as one block: the generic copy of a view went byte by byte, at a tenth of matching's speed.
        bytes = line.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(line.utf8)
    }

    /// The line's known fields, or `nil` when the line must be left to `JSONDecoder`.
    static func read(_ line: Substring) -> ItemLineReader? {
        var reader = ItemLineReader(line)
        guard reader.readObject() else { return nil }
        reader.skipWhitespace()
        return reader.index == reader.bytes.count ? reader : nil
    }

    private mutating func readObject() -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = readString() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            if Self.stringKeys.contains(key) || key == "categories" {
                guard seen.insert(key).inserted, readKnown(key) else { return false }
            } else {
                guard skipValue(depth: 0) else { return false }
            }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    private mutating func readKnown(_ key: String) -> Bool {
        if takeLiteral("null") { return true }
        if key != "categories" {
            guard let value = readString() else { return false }
            strings[key] = value
            return true
        }
        guard take(UInt8(ascii: "[")) else { return false }
        var list: [String] = []
        skipWhitespace()
        if !take(UInt8(ascii: "]")) {
            while true {
                skipWhitespace()
                guard let value = readString() else { return false }
                list.append(value)
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "]")) else { return false }
                break
            }
        }
        categories = list
        return true
    }

    /// Skips any JSON value; nesting is bounded so that a hostile line cannot exhaust the stack.
    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64, index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return readString() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            index += 1
            skipWhitespace()
            if take(close) { return true }
            while true {
                skipWhitespace()
                if isObject {
                    guard readString() != nil else { return false }
                    skipWhitespace()
                    guard take(UInt8(ascii: ":")) else { return false }
                    skipWhitespace()
                }
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(close)
            }
        case UInt8(ascii: "t"): return takeLiteral("true")
        case UInt8(ascii: "f"): return takeLiteral("false")
        case UInt8(ascii: "n"): return takeLiteral("null")
        default: return skipNumber()
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func skipNumber() -> Bool {
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else {
            guard index < bytes.count, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index]) else { return false }
            skipDigits()
        }
        if take(UInt8(ascii: ".")) {
            guard skipDigits() > 0 else { return false }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard skipDigits() > 0 else { return false }
        }
        return true
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    /// A string with its escapes resolved; `nil` on a raw control character, a bad escape or a lone surrogate.
    private mutating func readString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // Most strings have no escape: they are copied as they are.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            index += 1
            let simple: UInt8?
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = escape
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"): simple = nil
            default: return nil
            }
            if let simple {
                buffer.append(simple)
                continue
            }
            guard var value = readHex() else { return nil }
            if (0xD800...0xDBFF).contains(value) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = readHex(), (0xDC00...0xDFFF).contains(low) else { return nil }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                return nil
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            UTF8.encode(scalar) { buffer.append($0) }
        }
        return nil
    }

    private mutating func readHex() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
        if matches { index += count }
        return matches
    }
}
