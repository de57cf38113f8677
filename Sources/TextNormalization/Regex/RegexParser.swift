import TextNormalization

/// Reads the pattern of a `{regex: …}` term into a ``RegexNode`` tree.
///
/// The syntax is the common core of regular expressions: literals, `.`, bracket classes with ranges and
/// negation, `\d \w \s \D \W \S`, `\b`, `^`, `$`, groups `(…)` and `(?:…)`, `|`, and the quantifiers `*`, `+`,
/// `?`, `{m}`, `{m,}`, `{m,n}` (a trailing `?` is accepted: only whether the pattern matches counts).
/// What cannot be run in time linear in the text is refused: backreferences, lookarounds, possessive
/// quantifiers. Literals are folded as item text is (`É` reads as `e`), so a pattern is written as the
/// words it looks for.
struct RegexParser {
    /// Longest pattern, in Unicode scalars.
    static let maximumPatternLength = 500
    /// Largest count in `{m,n}`.
    static let maximumRepetition = 100

    private let scalars: [Unicode.Scalar]
    private var index = 0

    private init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// The tree of `pattern`, or the first reason it is refused with its offset.
    static func parse(_ pattern: String) throws(TermProblem) -> RegexNode {
        var parser = RegexParser(pattern)
        guard !parser.scalars.isEmpty else { throw TermProblem(message: "the regular expression is empty", offset: 0) }
        guard parser.scalars.count <= maximumPatternLength else {
            throw TermProblem(message: "the regular expression is longer than \(maximumPatternLength) characters", offset: nil)
        }
        let node = try parser.alternation()
        if parser.index < parser.scalars.count {
            // Only an unmatched ")" stops the top-level alternation early.
            throw parser.problem("unbalanced ')': no '(' opens it")
        }
        if node.matchesEmpty {
            throw TermProblem(
                message: "the regular expression can match an empty text, so it would match every item; make it require at least one character",
                offset: nil)
        }
        return node
    }

    // MARK: Grammar

    private mutating func alternation() throws(TermProblem) -> RegexNode {
        var branches = [try sequence()]
        while peek == "|" {
            index += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(TermProblem) -> RegexNode {
        var nodes: [RegexNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            nodes.append(try repetition())
        }
        switch nodes.count {
        case 0: return .empty
        case 1: return nodes[0]
        default: return .sequence(nodes)
        }
    }

    private mutating func repetition() throws(TermProblem) -> RegexNode {
        let start = index
        let node = try atom()
        guard let bounds = try quantifier() else { return node }
        switch node {
        case .start, .end, .wordBoundary, .empty:
            throw problem("nothing to repeat before the quantifier", at: start)
        default:
            break
        }
        if peek == "?" { index += 1 }  // lazy: the same set of texts matches
        if let next = peek, "*+?{".unicodeScalars.contains(next) {
            throw problem("a quantifier cannot follow another; possessive quantifiers are not supported")
        }
        return .repetition(node, minimum: bounds.minimum, maximum: bounds.maximum)
    }

    private mutating func quantifier() throws(TermProblem) -> (minimum: Int, maximum: Int?)? {
        switch peek {
        case "*": index += 1; return (0, nil)
        case "+": index += 1; return (1, nil)
        case "?": index += 1; return (0, 1)
        case "{": return try counted()
        default: return nil
        }
    }

    /// `{m}`, `{m,}`, `{m,n}`; a `{` that starts none of these is refused rather than read as a literal.
    private mutating func counted() throws(TermProblem) -> (minimum: Int, maximum: Int?) {
        let open = index
        index += 1
        guard let minimum = number() else { throw problem("expected a count after '{', as in {2} or {1,3}; write \\{ for a brace", at: open) }
        var maximum: Int? = minimum
        if peek == "," {
            index += 1
            maximum = peek == "}" ? nil : number()
            if maximum == nil, peek != "}" { throw problem("expected a count or '}' after ','", at: index) }
        }
        guard peek == "}" else { throw problem("missing '}' to close the count", at: open) }
        index += 1
        if let maximum, maximum < minimum {
            throw problem("the count {\(minimum),\(maximum)} has its larger number first", at: open)
        }
        if max(minimum, maximum ?? 0) > Self.maximumRepetition {
            throw problem("a count is at most \(Self.maximumRepetition)", at: open)
        }
        return (minimum, maximum)
    }

    private mutating func number() -> Int? {
        var digits = ""
        while let scalar = peek, ("0"..."9").contains(scalar), digits.count < 4 {
            digits.unicodeScalars.append(scalar)
            index += 1
        }
        return Int(digits)
    }

    private mutating func atom() throws(TermProblem) -> RegexNode {
        let start = index
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "(":
            if peek == "?" {
                guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                    throw problem("lookarounds, named groups and inline flags are not supported; use (…) or (?:…)", at: start)
                }
                index += 2
            }
            let inner = try alternation()
            guard peek == ")" else { throw problem("missing ')' to close the group", at: start) }
            index += 1
            return inner
        case "[": return .set(try bracket(openedAt: start))
        case ".": return .any
        case "^": return .start
        case "$": return .end
        case "\\": return try escape(at: start)
        case "*", "+", "?": throw problem("nothing to repeat before '\(scalar)'", at: start)
        case "{": throw problem("nothing to repeat before '{'; write \\{ for a brace", at: start)
        case "]", "}": throw problem("unbalanced '\(scalar)'; write \\\(scalar) for the character itself", at: start)
        default: return .literal(Self.fold(scalar))
        }
    }

    private mutating func escape(at start: Int) throws(TermProblem) -> RegexNode {
        guard let scalar = peek else { throw problem("the pattern ends with a lone '\\'", at: start) }
        index += 1
        switch scalar {
        case "b": return .wordBoundary
        case "d", "w", "s", "D", "W", "S": return .set(Self.named(scalar))
        case "1"..."9", "k":
            throw problem("backreferences are not supported: they cannot be matched in bounded time", at: start)
        case "B", "A", "z", "Z", "G", "p", "P", "x", "u", "n", "t", "r", "f", "v", "c", "0":
            throw problem("the escape '\\\(scalar)' is not supported; see docs/profiles.md for the syntax", at: start)
        default:
            if WordPattern.isWord(scalar) {
                throw problem("unknown escape '\\\(scalar)'", at: start)
            }
            return .literal(Self.fold(scalar))
        }
    }

    private mutating func bracket(openedAt start: Int) throws(TermProblem) -> RegexScalarSet {
        var set = RegexScalarSet()
        if peek == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let scalar = peek else { throw problem("missing ']' to close the class", at: start) }
            if scalar == "]", !first { index += 1; return set }
            first = false
            let memberStart = index
            index += 1
            if scalar == "\\" {
                guard let escaped = peek else { throw problem("missing ']' to close the class", at: start) }
                index += 1
                if "dwsDWS".unicodeScalars.contains(escaped) {
                    let named = Self.named(escaped)
                    set.classes.append((named.classes[0].0, negated: named.negated))
                    continue
                }
                if WordPattern.isWord(escaped) { throw problem("unknown escape '\\\(escaped)' in a class", at: memberStart) }
                try addMember(escaped, to: &set, at: memberStart)
                continue
            }
            try addMember(scalar, to: &set, at: memberStart)
        }
    }

    /// A scalar of a class, or the start of a range `a-z`.
    private mutating func addMember(_ low: Unicode.Scalar, to set: inout RegexScalarSet, at offset: Int) throws(TermProblem) {
        var high = low
        if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
            index += 1
            high = scalars[index]
            index += 1
            if high == "\\" {
                guard let escaped = peek else { throw problem("missing ']' to close the class", at: offset) }
                high = escaped
                index += 1
            }
        }
        let foldedLow = Self.fold(low), foldedHigh = Self.fold(high)
        guard foldedLow.count == 1, foldedHigh.count == 1 else {
            throw problem("'\(low == high ? String(low) : "\(low)-\(high)")' does not read as one letter once folded; write it outside the brackets", at: offset)
        }
        guard foldedLow[0].value <= foldedHigh[0].value else {
            throw problem("the range '\(low)-\(high)' goes backwards", at: offset)
        }
        set.ranges.append(foldedLow[0].value...foldedHigh[0].value)
    }

    // MARK: Helpers

    private var peek: Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func problem(_ message: String, at offset: Int? = nil) -> TermProblem {
        TermProblem(message: "invalid regular expression: \(message)", offset: offset ?? index)
    }

    private static func named(_ scalar: Unicode.Scalar) -> RegexScalarSet {
        var set = RegexScalarSet()
        switch scalar {
        case "d", "D": set.classes = [(.digit, negated: false)]
        case "w", "W": set.classes = [(.word, negated: false)]
        default: set.classes = [(.space, negated: false)]
        }
        set.negated = scalar.properties.isUppercase
        return set
    }

    /// The scalar as item text reads once folded: lowercase, unaccented, ligatures spelled out.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(TextFolding.fold(String(scalar)).unicodeScalars)
    }
}
