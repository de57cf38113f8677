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
    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: #"\""#.utf8)
            case "\\": out.append(contentsOf: #"\\"#.utf8)
            case _ where TerminalText.needsEscaping(scalar): out.append(contentsOf: TerminalText.escape(scalar).utf8)
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
