import FuzzSupport
import TextNormalization

/// `WordStream` is documented to give ``Tokenizer``'s tokens (same words, same places), and with limits
/// the tokens of the text's first scalars or the first tokens of the text.
enum WordStreamInvariants {
    /// One token as both readers describe it: its folded forms, UTF-8 offsets and elision.
    struct Read: Equatable {
        var text: String
        var caseFolded: String
        var start: Int
        var end: Int
        var elided: Bool
    }

    static func check(_ text: String, tokens: [Token], scalarLimit: Int, tokenLimit: Int) {
        let expected = tokens.map { token in
            Read(
                text: token.text, caseFolded: token.caseFolded,
                start: text.utf8.distance(from: text.startIndex, to: token.range.lowerBound),
                end: text.utf8.distance(from: text.startIndex, to: token.range.upperBound),
                elided: token.flags.contains(.elided))
        }
        var lexicon = WordLexicon()
        var stream = WordStream()
        Invariant.require(
            read(text, &stream, &lexicon) == expected, "the word stream and the tokenizer differ on \(text.debugDescription)")
        // Read again with the words already numbered.
        Invariant.require(
            read(text, &stream, &lexicon) == expected, "a second stream read differs on \(text.debugDescription)")
        Invariant.require(
            read(text, &stream, &lexicon, tokenLimit: tokenLimit) == Array(expected.prefix(tokenLimit)),
            "a read of \(tokenLimit) tokens is not the first tokens of \(text.debugDescription)")
        let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(scalarLimit)))
        let prefixTokens = Tokenizer.tokens(prefix).map { token in
            Read(
                text: token.text, caseFolded: token.caseFolded,
                start: prefix.utf8.distance(from: prefix.startIndex, to: token.range.lowerBound),
                end: prefix.utf8.distance(from: prefix.startIndex, to: token.range.upperBound),
                elided: token.flags.contains(.elided))
        }
        Invariant.require(
            read(text, &stream, &lexicon, scalarLimit: scalarLimit) == prefixTokens,
            "a read of \(scalarLimit) scalars is not the tokens of the start of \(text.debugDescription)")
    }

    private static func read(
        _ text: String, _ stream: inout WordStream, _ lexicon: inout WordLexicon, scalarLimit: Int = .max,
        tokenLimit: Int = .max
    ) -> [Read] {
        var words: [StreamWord] = []
        stream.read(text, scalarLimit: scalarLimit, tokenLimit: tokenLimit, lexicon: &lexicon, into: &words)
        return words.map { word in
            let entry = lexicon[word.number]
            return Read(text: entry.text, caseFolded: entry.caseFolded, start: word.start, end: word.end, elided: word.elided)
        }
    }
}
