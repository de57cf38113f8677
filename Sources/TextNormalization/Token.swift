/// One word of a text, folded with ``TextFolding``.
public struct Token: Sendable, Equatable {
    /// The folded word: lowercase, without accents, elision removed.
    public var text: String
    /// Ordinal of the token in its text (0, 1, 2…). Punctuation and removed elisions take no position,
    /// so two tokens are adjacent in the text exactly when their positions differ by one.
    public var position: Int

    /// Creates a token.
    public init(text: String, position: Int) {
        self.text = text
        self.position = position
    }
}
