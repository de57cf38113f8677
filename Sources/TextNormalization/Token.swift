/// One word of a text, folded with ``TextFolding``.
public struct Token: Sendable, Equatable {
    /// What the source text showed around or inside a token, beyond its letters.
    public struct Flags: OptionSet, Sendable, Hashable {
        /// One bit per flag.
        public let rawValue: UInt8

        /// Creates flags from their bits.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// Digits only, with the separators a number keeps ("2024", "3,5", "1.000.000", "1 000").
        public static let number = Flags(rawValue: 1 << 0)
        /// Two letters or more, none of them lowercase in the source: an acronym ("IA", "PME", "C.N.R.S.",
        /// "R&D"), or a word of a title set in capitals. A term written in capitals can ask for this flag
        /// so that "IA" finds "l'IA" but not the Spanish or Italian word "ia".
        public static let allCaps = Flags(rawValue: 1 << 1)
        /// Written against the next token with one hyphen or dash and no space ("e" in "e-commerce").
        public static let hyphenatedToNext = Flags(rawValue: 1 << 2)
        /// Written against the previous token with one hyphen or dash and no space ("commerce" in "e-commerce").
        public static let hyphenatedToPrevious = Flags(rawValue: 1 << 3)
        /// Short letter groups joined by "&" into one token ("R&D", "R & D", "AT&T").
        public static let ampersand = Flags(rawValue: 1 << 4)
        /// A French elision was removed before it ("industrie" in "l'industrie"): evidence of French.
        public static let elided = Flags(rawValue: 1 << 5)
    }

    /// The folded word: lowercase, without accents, elision removed. Tokens are compared in this form.
    public var text: String
    /// Ordinal of the token in its text (0, 1, 2…). Punctuation and removed elisions take no position,
    /// so two tokens are adjacent in the text exactly when their positions differ by one. It is also the
    /// token's index in the array ``Tokenizer/tokens(_:)`` returns.
    public var position: Int
    /// The word case-folded but with its accents ("augmentée"): what a ``Stemmer`` reads.
    public var caseFolded: String
    /// Where the word is in the string it was read from (for highlighting); an elision before it, the
    /// final dot of an acronym and the punctuation around it are outside. Only meaningful for that string.
    public var range: Range<String.Index>
    /// What the source showed beyond the letters.
    public var flags: Flags

    /// Creates a token.
    public init(text: String, position: Int, caseFolded: String, range: Range<String.Index>, flags: Flags) {
        self.text = text
        self.position = position
        self.caseFolded = caseFolded
        self.range = range
        self.flags = flags
    }

    /// Creates a token that was not read from a text: its case-folded form is its text, its range empty.
    public init(text: String, position: Int) {
        self.init(text: text, position: position, caseFolded: text, range: text.startIndex..<text.startIndex, flags: [])
    }
}
