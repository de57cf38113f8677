import Foundation

/// A parsed JSON value that keeps booleans, numbers and null apart, which `JSONSerialization` does not.
enum JSONTree: Decodable, Equatable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    /// Parses one JSON document.
    static func parse(_ text: String) throws -> JSONTree {
        try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONTree? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    var string: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    var number: Double? {
        guard case .number(let value) = self else { return nil }
        return value
    }

    var array: [JSONTree]? {
        guard case .array(let value) = self else { return nil }
        return value
    }
}

/// The documented shape of a JSON output: each object's exact keys and each value's type.
indirect enum JSONShape: Sendable {
    case string
    /// A string with exactly this value (the `schema` key).
    case constant(String)
    /// A string among these.
    case oneOf([String])
    case number
    case integer
    case bool
    case timestamp
    case optional(JSONShape)
    case array(JSONShape)
    case object([String: JSONShape])

    /// Every place where `value` departs from the shape, as `path: problem`; empty when it conforms.
    func problems(in value: JSONTree, at path: String = "$") -> [String] {
        switch (self, value) {
        case (.optional, .null): return []
        case (.optional(let shape), _): return shape.problems(in: value, at: path)
        case (.string, .string): return []
        case (.constant(let expected), .string(let text)):
            return text == expected ? [] : ["\(path): \"\(text)\" is not \"\(expected)\""]
        case (.oneOf(let allowed), .string(let text)):
            return allowed.contains(text) ? [] : ["\(path): \"\(text)\" is none of \(allowed)"]
        case (.timestamp, .string(let text)):
            return (try? Date(text, strategy: .iso8601)) != nil ? [] : ["\(path): \"\(text)\" is not an ISO 8601 timestamp"]
        case (.number, .number): return []
        case (.integer, .number(let value)):
            return value == value.rounded() ? [] : ["\(path): \(value) is not an integer"]
        case (.bool, .bool): return []
        case (.array(let element), .array(let values)):
            return values.enumerated().flatMap { index, item in element.problems(in: item, at: "\(path)[\(index)]") }
        case (.object(let fields), .object(let values)):
            var problems = Set(values.keys).subtracting(fields.keys).sorted().map { "\(path).\($0): not in the shape" }
            for key in fields.keys.sorted() {
                guard let field = values[key] else {
                    problems.append("\(path).\(key): missing")
                    continue
                }
                problems += fields[key]!.problems(in: field, at: "\(path).\(key)")
            }
            return problems
        default:
            return ["\(path): \(value) is not \(self)"]
        }
    }
}
