import Foundation
import Model
import Yams

/// Walks the node tree of one YAML file, converting values and recording every problem with its position.
///
/// Each accessor returns `nil` after recording an issue, so callers keep going and report the rest of the file.
struct YAMLReader {
    /// The file's path, as shown in issues.
    let file: String
    /// Problems found so far, in the order they were found.
    private(set) var issues: [ConfigIssue] = []

    init(file: String) {
        self.file = file
    }

    // MARK: Reporting

    mutating func report(_ message: String, at position: Position?) {
        issues.append(ConfigIssue(file: file, line: position?.line ?? 0, column: position?.column ?? 0, message: message))
    }

    mutating func report(_ message: String, at mark: Mark?) {
        report(message, at: mark.map(Position.init))
    }

    mutating func report(_ message: String, at node: Node) {
        report(message, at: node.mark)
    }

    /// Reports at `offset` Unicode scalars into the value of `node` when the file spells the value out as
    /// it reads (a one-line plain or quoted scalar without escapes), at the node otherwise.
    mutating func report(_ message: String, at node: Node, offset: Int?) {
        guard let offset, let mark = node.mark, case .scalar(let scalar) = node, !scalar.string.contains("\n") else {
            report(message, at: node)
            return
        }
        let shift: Int?
        switch scalar.style {
        case .plain: shift = 0
        case .singleQuoted: shift = scalar.string.contains("'") ? nil : 1
        case .doubleQuoted: shift = scalar.string.contains(where: { $0 == "\\" || $0 == "\"" }) ? nil : 1
        default: shift = nil
        }
        guard let shift else {
            report(message, at: node)
            return
        }
        report(message, at: Position(line: mark.line, column: mark.column + shift + offset))
    }

    func location(of node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    // MARK: Parsing

    /// The document's root node; `nil` (with an issue) on a syntax error, an empty document, or a document
    /// that stands for too much once its aliases are expanded.
    mutating func compose(_ text: String, within limits: FileLimits = .standard) -> Node? {
        do {
            try ExpansionBudget.check(text, within: limits)
        } catch {
            report(error.message, at: error.position)
            return nil
        }
        do {
            // An explicit encoding: Yams's default reads the whole environment at every file (a twentieth of a
            // start-up with 1,000 profiles) and prints to standard output when YAMS_DEFAULT_ENCODING is set.
            guard let root = try Yams.compose(yaml: text, Self.resolver, .default, .utf8), !Self.isNull(root) else {
                report("the file is empty", at: Position?.none)
                return nil
            }
            return root
        } catch let error as YamlError {
            record(error, in: text)
            return nil
        } catch {
            report("cannot parse YAML: \(error)", at: Position?.none)
            return nil
        }
    }

    private mutating func record(_ error: YamlError, in text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            report(message, at: mark)
        case .reader(let problem, let offset, _, _):
            report("YAML syntax error: \(problem)", at: offset.flatMap { Self.position(atCharacterOffset: $0, in: text) })
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            report("duplicate key \(keys) in the same mapping", at: context.mark)
        default:
            report("cannot parse YAML: \(error)", at: Position?.none)
        }
    }

    private static func position(atCharacterOffset offset: Int, in text: String) -> Position? {
        var line = 1, column = 1, seen = 0
        for character in text {
            if seen == offset { return Position(line: line, column: column) }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
            seen += 1
        }
        return Position(line: line, column: column)
    }

    // MARK: Node kinds

    /// No implicit tags: values are read from their text, and null is told by ``isNull(_:)``. Yams resolves
    /// implicit tags with `NSRegularExpression`, tried on every plain scalar: its default rules took a tenth
    /// of a start-up with 1,000 profiles, and even the null rule alone maps about 2 MB of ICU's regular
    /// expression engine and data into the daemon for good.
    private static let resolver = Resolver.basic

    /// The plain scalars YAML reads as null (the core schema's `null`, `Null`, `NULL`, `~` and nothing).
    private static let nullForms: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// Whether `node` is null: a plain scalar in one of YAML's null forms, or one tagged `!!null`. A quoted
    /// `"null"` is text.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        if node.tag.rawValue == Tag.Name.null.rawValue { return true }
        return scalar.style == .plain && nullForms.contains(scalar.string)
    }

    /// How a node is named in "expected X, found Y" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Values

    /// The keys of a mapping, checked against the allowed ones; unknown keys are reported with a suggestion.
    mutating func fields(of node: Node, allowed: [String], what: String = "a mapping") -> Fields? {
        guard case .mapping(let mapping) = node else {
            report("expected \(what), found \(Self.describe(node))", at: node)
            return nil
        }
        var fields = Fields(mark: node.mark)
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report("expected a key name, found \(Self.describe(keyNode))", at: keyNode)
                continue
            }
            let key = keyScalar.string
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)'"
                if let suggestion = Suggestion.closest(to: key, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of: \(allowed.joined(separator: ", "))"
                }
                report(message, at: keyNode)
                continue
            }
            fields.values[key] = value
        }
        return fields
    }

    /// A required field: reports it missing at the mapping's position.
    mutating func require(_ key: String, in fields: Fields) -> Node? {
        if let node = fields[key] { return node }
        report("missing key '\(key)'", at: fields.mark)
        return nil
    }

    mutating func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            report("expected a string, found \(Self.describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A string that must contain something other than spaces.
    mutating func nonEmptyString(_ node: Node, what: String) -> String? {
        guard let text = string(node) else { return nil }
        let trimmed = text.trimmingWhiteSpace
        guard !trimmed.isEmpty else {
            report("\(what) is empty", at: node)
            return nil
        }
        return trimmed
    }

    /// `true` or `false`, in any case.
    mutating func boolean(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node else {
            report("expected true or false, found \(Self.describe(node))", at: node)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true": return true
        case "false": return false
        default:
            report("expected true or false, found \(Self.describe(node))", at: node)
            return nil
        }
    }

    mutating func number(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)),
              value.isFinite else {
            report("expected a number, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    /// A number greater than zero and at most `maximum`.
    ///
    /// The upper bound keeps what is derived from the value finite and representable: weights multiply
    /// into scores (an infinite score cannot be written as JSON), timeouts become whole milliseconds.
    mutating func positiveNumber(_ node: Node, what: String, atMost maximum: Double) -> Double? {
        guard let value = number(node) else { return nil }
        guard value > 0 else {
            report("\(what) must be greater than 0, found \(Self.format(value))", at: node)
            return nil
        }
        guard value <= maximum else {
            report("\(what) must be at most \(Self.format(maximum)), found \(Self.format(value))", at: node)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, atLeast minimum: Int, what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            report("expected a whole number, found \(Self.describe(node))", at: node)
            return nil
        }
        guard value >= minimum else {
            report("\(what) must be at least \(minimum), found \(value)", at: node)
            return nil
        }
        return value
    }

    mutating func duration(_ node: Node, what: String) -> TimeInterval? {
        guard case .scalar(let scalar) = node, let seconds = DurationText.seconds(scalar.string) else {
            report("expected a duration such as '90s', '15m', '1h', '1d' or a number of seconds, found \(Self.describe(node))", at: node)
            return nil
        }
        guard seconds > 0 else {
            report("\(what) must be longer than 0 seconds", at: node)
            return nil
        }
        guard seconds <= Limits.maximumIntervalSeconds else {
            report("\(what) must be at most 30d, found '\(scalar.string)'", at: node)
            return nil
        }
        return seconds
    }

    /// The items of a list; a null value reads as an empty list.
    mutating func list(_ node: Node) -> [Node]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            report("expected a list, found \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// A list of non-empty strings, each with its node for later checks.
    mutating func stringList(_ node: Node, what: String) -> [(text: String, node: Node)] {
        guard let items = list(node) else { return [] }
        return items.compactMap { item in
            nonEmptyString(item, what: what).map { ($0, item) }
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
