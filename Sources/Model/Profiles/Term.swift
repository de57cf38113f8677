/// A word, expression, pattern or proximity group a profile looks for, as written in its file.
public struct Term: Sendable, Equatable, Hashable {
    /// What the text of a term stands for.
    public enum Kind: Sendable, Equatable, Hashable {
        /// Words matched as consecutive tokens; a word ending in `*` matches every word it begins.
        case words
        /// A bounded regular expression (the text is its pattern), searched in the folded text of each field.
        case regex
        /// Terms found within a number of words of each other.
        case near(Proximity)
    }

    /// The term as the profile spells it: words, a pattern, or for a proximity group a label such as
    /// `hydrogène NEAR/5 mobilité`. Matching folds case, accents and elisions itself.
    public var text: String
    /// Multiplies the points the term earns; 1 unless the profile says otherwise.
    public var weight: Double
    /// True when the term comes from a topic's `phrases` list; the flag tells explanations which list it came from.
    public var isPhrase: Bool
    /// Where the term is written, when it comes from a file.
    public var location: SourceLocation?
    /// Words, pattern or proximity group.
    public var kind: Kind
    /// Whether the words are compared by stem; nil to follow the topic, then the profile, then the default
    /// (on for a single word in a language veilleur stems).
    public var stem: Bool?
    /// The fields the term is searched in; nil to follow the topic, then ``ItemField/defaults``.
    public var fields: Set<ItemField>?
    /// The shared vocabulary the term comes from, if any.
    public var vocabulary: String?

    /// Creates a term.
    public init(
        text: String, weight: Double = 1, isPhrase: Bool = false, location: SourceLocation? = nil,
        kind: Kind = .words, stem: Bool? = nil, fields: Set<ItemField>? = nil, vocabulary: String? = nil
    ) {
        self.text = text
        self.weight = weight
        self.isPhrase = isPhrase
        self.location = location
        self.kind = kind
        self.stem = stem
        self.fields = fields
        self.vocabulary = vocabulary
    }

    /// A proximity group of `members`, labelled after them.
    public static func near(
        _ members: [TermChoice], within: Int, ordered: Bool = false, weight: Double = 1,
        location: SourceLocation? = nil, stem: Bool? = nil, fields: Set<ItemField>? = nil
    ) -> Term {
        let proximity = Proximity(members: members, within: within, ordered: ordered)
        return Term(
            text: proximity.label, weight: weight, location: location, kind: .near(proximity), stem: stem, fields: fields)
    }

    /// How explanations and digests name the term: its text, and a pattern between slashes.
    public var label: String {
        kind == .regex ? "/\(text)/" : text
    }
}
