/// A word or expression a profile looks for, as written in its file.
public struct Term: Sendable, Equatable, Hashable {
    /// The term as the profile spells it; matching folds case, accents and elisions itself.
    public var text: String
    /// Multiplies the points the term earns; 1 unless the profile says otherwise.
    public var weight: Double
    /// True when the term comes from a topic's `phrases` list rather than `keywords`.
    /// Both are matched as consecutive tokens; the flag tells explanations which list it came from.
    public var isPhrase: Bool
    /// Where the term is written, when it comes from a file.
    public var location: SourceLocation?

    /// Creates a term.
    public init(text: String, weight: Double = 1, isPhrase: Bool = false, location: SourceLocation? = nil) {
        self.text = text
        self.weight = weight
        self.isPhrase = isPhrase
        self.location = location
    }
}
