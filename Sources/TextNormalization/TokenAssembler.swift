/// Turns the scanner's ``Word``s into ``Token``s: drops elisions and possessives, joins "R & D", sets the
/// flags and positions, and converts scalar offsets into indices of the source string.
struct TokenAssembler {
    let words: [Word]
    let source: String
    private var tokens: [Token] = []
    /// The last index handed out and its scalar offset; words come in order, so walking forward from it
    /// converts every offset in one pass over the text.
    private var cursor: (offset: Int, index: String.Index)

    init(words: [Word], source: String) {
        self.words = words
        self.source = source
        cursor = (0, source.unicodeScalars.startIndex)
    }

    mutating func run() -> [Token] {
        tokens.reserveCapacity(words.count)
        var index = 0
        var elided = false
        var hyphenBefore = false
        while index < words.count {
            var word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word.gapAfter == .apostrophe, next != nil, Tokenizer.elisions.contains(word.text) {
                elided = true
                if hyphenBefore { tokens[tokens.count - 1].flags.remove(.hyphenatedToNext) }
                hyphenBefore = false
                index += 1
                continue
            }
            index += 1
            if word.gapAfter == .apostrophe, let next, next.text == "s", next.gapAfter != .apostrophe {
                // English possessive: "Europe's" is "Europe"; what follows the "s" now follows the word.
                word.gapAfter = next.gapAfter
                index += 1
            } else if word.gapAfter == .spacedAmpersand, let next, joinsSpacedAmpersand(word, next) {
                word = joined(word, next)
                index += 1
            }
            var flags = Self.flags(of: word)
            if elided { flags.insert(.elided) }
            if hyphenBefore { flags.insert(.hyphenatedToPrevious) }
            hyphenBefore = word.gapAfter == .dash && index < words.count
            if hyphenBefore { flags.insert(.hyphenatedToNext) }
            let range = sourceIndex(word.start)..<sourceIndex(word.end)
            tokens.append(Token(text: word.text, position: tokens.count, caseFolded: word.caseFolded, range: range, flags: flags))
            elided = false
        }
        return tokens
    }

    /// A spaced "&" joins groups of at most two letters: "R & D", "AT & T", but not "Eau & Mer".
    private func joinsSpacedAmpersand(_ left: Word, _ right: Word) -> Bool {
        left.isLettersOnly && right.isLettersOnly && left.letters <= 2 && right.letters <= 2
    }

    private func joined(_ left: Word, _ right: Word) -> Word {
        Word(
            caseFolded: left.caseFolded + "&" + right.caseFolded, text: left.text + "&" + right.text,
            start: left.start, end: right.end, letters: left.letters + right.letters, digits: 0,
            uppercase: left.uppercase + right.uppercase, lowercase: left.lowercase + right.lowercase,
            hasAmpersand: true, gapAfter: right.gapAfter
        )
    }

    private static func flags(of word: Word) -> Token.Flags {
        var flags: Token.Flags = []
        if word.letters == 0, word.digits > 0, !word.hasAmpersand { flags.insert(.number) }
        if word.uppercase >= 2, word.lowercase == 0 { flags.insert(.allCaps) }
        if word.hasAmpersand { flags.insert(.ampersand) }
        return flags
    }

    private mutating func sourceIndex(_ offset: Int) -> String.Index {
        let scalars = source.unicodeScalars
        cursor = (offset, scalars.index(cursor.index, offsetBy: offset - cursor.offset))
        return cursor.index
    }
}
