/// Checks that bytes are one JSON value within veilleur's bounds before Foundation decodes them, so that a
/// hostile document is refused early and a broken one is reported at its line and column (JSONDecoder
/// says only "not valid JSON").
struct JSONSyntaxCheck {
    /// Nesting of arrays and objects allowed; a JSON Feed needs five.
    static let maxDepth = 64

    /// Why and where the bytes are not acceptable JSON.
    struct Failure: Error {
        let line: Int
        let column: Int
        let message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Throws at the first byte that breaks the JSON grammar or the depth bound.
    static func check(_ bytes: [UInt8]) throws(Failure) {
        var checker = JSONSyntaxCheck(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { checker.index = 3 }
        checker.skipSpace()
        try checker.value(depth: 0)
        checker.skipSpace()
        guard checker.index == bytes.count else { throw checker.failure("extra content after the JSON value") }
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, column: index - lineStart + 1, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
            if byte == 0x0A {
                line += 1
                lineStart = index
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard current == byte else { throw failure("expected \(what)") }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard let byte = current else { throw failure("unexpected end of the document") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
            try container(isObject: byte == UInt8(ascii: "{"), depth: depth + 1)
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw failure("unexpected character")
        }
    }

    private mutating func container(isObject: Bool, depth: Int) throws(Failure) {
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        skipSpace()
        if current == close {
            index += 1
            return
        }
        while true {
            if isObject {
                guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':'")
                skipSpace()
            }
            try value(depth: depth)
            skipSpace()
            if current == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                continue
            }
            try expect(close, isObject ? "',' or '}'" : "',' or ']'")
            return
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                guard let escaped = current else { throw failure("unterminated string") }
                index += 1
                if escaped == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        guard let hex = current, hex.isHexDigit else { throw failure("invalid \\u escape") }
                        index += 1
                    }
                } else if !Array("\"\\/bfnrt".utf8).contains(escaped) {
                    throw failure("invalid escape")
                }
            case 0x00..<0x20:
                index -= 1
                throw failure("control character in a string")
            default:
                break
            }
        }
        throw failure("unterminated string")
    }

    private mutating func number() throws(Failure) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, first.isDigit else { throw failure("invalid number") }
        while let byte = current, byte.isDigit { index += 1 }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, byte.isDigit else { throw failure("invalid number") }
            while let byte = current, byte.isDigit { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, byte.isDigit else { throw failure("invalid number") }
            while let byte = current, byte.isDigit { index += 1 }
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw failure("unexpected character") }
        index += expected.count
    }
}

private extension UInt8 {
    var isDigit: Bool { (0x30...0x39).contains(self) }
    var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
