import Synchronization

/// One word of a term as the trie compares it: a folded token, or the start of one (`cyber*`).
public struct WordPattern: Sendable, Equatable {
    /// The folded token, or the folded letters before the star.
    public var text: String
    /// True for `text*`: any token that begins with `text` matches.
    public var isPrefix: Bool

    /// Fewest letters before a star: shorter prefixes match a large part of the vocabulary.
    public static let minimumPrefixLength = 3

    /// The words of `term`, tokenised as item text is, with a star ending a word making it a prefix.
    public static func parse(_ term: String) throws(TermProblem) -> [WordPattern] {
        try checkStars(term)
        let segments = TextFolding.fold(term).split(separator: "*", omittingEmptySubsequences: false)
        var words: [WordPattern] = []
        for (index, segment) in segments.enumerated() {
            let tokens = Tokenizer.tokens(String(segment)).map(\.text)
            let starred = index < segments.count - 1
            guard let last = tokens.last else {
                if starred { throw TermProblem(message: loneStar(term), offset: nil) }
                continue
            }
            words += tokens.dropLast().map { WordPattern(text: $0, isPrefix: false) }
            if starred, last.count < minimumPrefixLength {
                throw TermProblem(
                    message: "the wildcard '\(last)*' has \(last.count) letter\(last.count == 1 ? "" : "s") before its star; "
                        + "give it at least \(minimumPrefixLength) so that it does not match most words")
            }
            words.append(WordPattern(text: last, isPrefix: starred))
        }
        guard !words.isEmpty else {
            throw TermProblem(message: "the term '\(term)' has no letter or digit, so it can never match; write a word")
        }
        return words
    }

    /// Why `term` can never match as words, or nil when it can: what ``parse(_:)`` throws, remembered.
    /// A thousand profiles sharing topics repeat the same terms, and both the configuration's check and the
    /// matcher's compilation ask about every one: parsing them again was a fifth of reading a configuration
    /// and a third of planning the matcher's units.
    public static func problem(in term: String) -> TermProblem? {
        if isPlainWords(term) { return nil }
        if let known = verdicts.withLock({ $0[term] }) { return known }
        var problem: TermProblem?
        do throws(TermProblem) {
            _ = try parse(term)
        } catch {
            problem = error
        }
        verdicts.withLock { verdicts in
            if verdicts.count >= verdictsCapacity { verdicts.removeAll(keepingCapacity: true) }
            verdicts[term] = .some(problem)
        }
        return problem
    }

    /// Whether `text` is ASCII letters and digits between spaces, with at least one of them: words the
    /// tokenizer takes as they are, which can always match. Most terms are; they skip the parse and the lock.
    private static func isPlainWords(_ text: String) -> Bool {
        var hasWord = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                hasWord = true
            case UInt8(ascii: " "): continue
            default: return false
            }
        }
        return hasWord
    }

    /// Terms already parsed, each with its problem or nil; emptied when full, so that a hostile or huge
    /// configuration cannot make it grow without bound.
    private static let verdicts = Mutex<[String: TermProblem?]>([:])
    private static let verdictsCapacity = 100_000

    /// A star must end a word: after a letter or digit, before a space, punctuation or the end.
    private static func checkStars(_ term: String) throws(TermProblem) {
        let scalars = Array(term.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() where scalar == "*" {
            let before = offset > 0 ? scalars[offset - 1] : nil
            let after = offset + 1 < scalars.count ? scalars[offset + 1] : nil
            if before.map(isWord) != true {
                if scalars.allSatisfy({ $0 == "*" || $0.properties.isWhitespace }) {
                    throw TermProblem(message: loneStar(term), offset: offset)
                }
                throw TermProblem(
                    message: "a star can only end a word, as in 'cyber*'; veilleur has no suffix or infix wildcard",
                    offset: offset)
            }
            if let after, isWord(after) || after == "*" {
                throw TermProblem(
                    message: "a star can only end a word, as in 'cyber*'; for more control use {regex: ...}", offset: offset)
            }
        }
    }

    private static func loneStar(_ term: String) -> String {
        "the term '\(term)' is a star alone, which can never match; a star ends a word of at least "
            + "\(minimumPrefixLength) letters, as in 'cyber*'"
    }

    /// Letters and digits, as the tokenizer counts them.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
