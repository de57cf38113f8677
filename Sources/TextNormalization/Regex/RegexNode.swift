/// The syntax tree of a bounded regular expression, its literals already folded as item text is.
indirect enum RegexNode {
    /// Nothing: an empty alternative, `()`.
    case empty
    /// Folded scalars in sequence.
    case literal([Unicode.Scalar])
    /// One scalar of a class, `[a-z]`, `\d`.
    case set(RegexScalarSet)
    /// Any one scalar, `.`.
    case any
    /// The start of the field's text, `^`.
    case start
    /// The end of the field's text, `$`.
    case end
    /// Between a letter or digit and something else, `\b`.
    case wordBoundary
    /// One after the other.
    case sequence([RegexNode])
    /// One of them, `a|b`.
    case alternation([RegexNode])
    /// `node` at least `minimum` times and at most `maximum` (nil: no bound), `*`, `+`, `?`, `{m,n}`.
    case repetition(RegexNode, minimum: Int, maximum: Int?)

    /// Whether the node can match without reading a scalar. Anchors and boundaries read nothing.
    var matchesEmpty: Bool {
        switch self {
        case .empty, .start, .end, .wordBoundary: true
        case .literal(let scalars): scalars.isEmpty
        case .set, .any: false
        case .sequence(let nodes): nodes.allSatisfy(\.matchesEmpty)
        case .alternation(let nodes): nodes.contains(where: \.matchesEmpty)
        case .repetition(let node, let minimum, _): minimum == 0 || node.matchesEmpty
        }
    }
}

/// The scalars a bracket class or a class escape accepts.
struct RegexScalarSet {
    /// The named classes of escapes.
    enum NamedClass {
        /// `\d`: a digit.
        case digit
        /// `\w`: a letter or digit.
        case word
        /// `\s`: white space.
        case space

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: scalar.properties.numericType != nil
            case .word: WordPattern.isWord(scalar)
            case .space: scalar.properties.isWhitespace
            }
        }
    }

    var ranges: [ClosedRange<UInt32>] = []
    /// Named classes, each possibly negated (`\D` inside brackets).
    var classes: [(NamedClass, negated: Bool)] = []
    /// `[^…]`, `\D`, `\W`, `\S`.
    var negated = false

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let inside = ranges.contains { $0.contains(scalar.value) }
            || classes.contains { $0.0.contains(scalar) != $0.negated }
        return inside != negated
    }
}
