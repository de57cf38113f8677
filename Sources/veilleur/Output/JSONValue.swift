import Foundation

/// A JSON value whose object keys keep the order they were given in, for outputs whose key order is part
/// of the contract (`parse --jsonl`, `match`, and the `--json` answers).
enum JSONValue: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered == rhs.rendered }

    /// A string, or null when absent.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// A whole number.
    static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// A measure rounded to three decimals, as scores are shown.
    static func measure(_ value: Double) -> JSONValue { .number((value * 1000).rounded() / 1000) }

    /// An ISO-8601 UTC timestamp, or null.
    static func date(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(date.formatted(.iso8601))
    }

    /// Compact JSON on one line.
    var rendered: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON to `out`, for a caller that gathers many values before writing.
    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, to: &out)
        case .number(let value):
            let text = !value.isFinite ? "null"
                : value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            out.append(contentsOf: text.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Escapes quotes, backslashes and every character `TerminalText` escapes: JSON requires it only
    /// for C0, but DEL, C1, bidi controls and U+2028/U+2029 raw would act on a terminal showing the line.
    /// Works on the UTF-8 bytes and copies the runs that need no escape at once (nearly all of any text):
    /// only C0, `"`, `\`, DEL, and the sequences led by 0xC2 (C1) or 0xE2 (the bidi controls, U+2028,
    /// U+2029) are looked at more closely.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index < bytes.count {
                if index + 16 <= bytes.count, !mayNeedEscaping(raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)) {
                    index += 16
                    continue
                }
                if index + 8 <= bytes.count, !mayNeedEscaping(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                let length: Int
                let scalar: UInt32
                switch byte {
                case 0x20...0x7E where byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\"):
                    index += 1
                    continue
                case 0x80...0xC1, 0xC3...0xE1, 0xE3...0xFF:
                    index += 1
                    continue
                case 0xC2:
                    length = 2
                    scalar = UInt32(bytes[index + 1] & 0x3F) | 0x80
                case 0xE2:
                    length = 3
                    scalar = 0x2000 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                default:
                    length = 1
                    scalar = UInt32(byte)
                }
                guard let unicodeScalar = Unicode.Scalar(scalar), unicodeScalar == "\"" || unicodeScalar == "\\"
                    || TerminalText.needsEscaping(unicodeScalar)
                else {
                    index += length
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch unicodeScalar {
                case "\"": out.append(contentsOf: #"\""#.utf8)
                case "\\": out.append(contentsOf: #"\\"#.utf8)
                default: out.append(contentsOf: TerminalText.escape(unicodeScalar).utf8)
                }
                index += length
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of sixteen bytes is one `writeString` looks at, as for eight bytes below, tested by the
    /// vector unit: one instruction a comparison, over all sixteen.
    @inline(__always)
    private static func mayNeedEscaping(_ bytes: SIMD16<UInt8>) -> Bool {
        typealias Bytes = SIMD16<UInt8>
        let found = bytes .< Bytes(repeating: 0x20) .| (bytes .== Bytes(repeating: 0x22)) .| (bytes .== Bytes(repeating: 0x5C))
            .| (bytes .== Bytes(repeating: 0x7F)) .| (bytes .== Bytes(repeating: 0xC2)) .| (bytes .== Bytes(repeating: 0xE2))
        let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// Whether any of eight bytes is one `writeString` looks at: below 0x20, `"`, `\`, DEL, or the lead
    /// byte 0xC2 or 0xE2. A byte of `word ^ c * ones` is zero exactly where `word` holds `c`.
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value }
        let found = (word &- ones &* 0x20) & ~word | zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C))
            | zeroByte(word ^ (ones &* 0x7F)) | zeroByte(word ^ (ones &* 0xC2)) | zeroByte(word ^ (ones &* 0xE2))
        return found & highs != 0
    }
}
