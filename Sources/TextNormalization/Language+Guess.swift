extension Language {
    /// Tokens read by ``guess(_:)``: a title and the start of a text are plenty. Public so that a caller
    /// gathering tokens from several texts stops where the guess would.
    public static let guessedTokens = 200

    /// A cheap guess of the language of a text from its function words (the title and the start of the
    /// text are enough), to choose a stemmer; `nil` when the evidence is thin or points elsewhere.
    ///
    /// Counts French function words ("le", "des", "est", "dans"…) and elisions ("l'", "d'", "qu'"), English
    /// ones ("the", "of", "is", "with"…) and a few Spanish, Italian, German and Portuguese ones ("el", "y",
    /// "der", "und"…). The language with the most wins if it has at least two and at least twice any
    /// other; French or English only, so a Spanish text gives `nil`. A caller falls back on what it knows
    /// (the profile's language) when this gives `nil`: short titles usually do.
    public static func guess(_ tokens: some Sequence<Token>) -> Language? {
        guess(Array(tokens.prefix(guessedTokens)))
    }

    /// The guess for tokens already in an array, read without the cost of a generic sequence.
    public static func guess(_ tokens: [Token]) -> Language? {
        var tally = GuessTally()
        for token in tokens.prefix(guessedTokens) {
            tally.add(vote(token.text), elided: token.flags.contains(.elided))
        }
        return tally.language
    }

    /// What one word tells the guess.
    package enum Vote {
        case french, english, other
    }

    /// The evidence a folded word gives, if any.
    package static func vote(_ text: String) -> Vote? {
        // Nearly every new word is longer than every function word: it is then no vote, without two hashes.
        guard text.utf8.count <= longestVotingWord else { return nil }
        return switch functionWords[text] {
        case .french?: .french
        case .english?: .english
        case nil: otherWords.contains(text) ? .other : nil
        }
    }

    /// The evidence of the words read so far, for a caller that reads words without ``Token``s.
    package struct GuessTally {
        private var french = 0, english = 0, other = 0

        package init() {}

        /// Counts one word: its vote, and whether an elision was dropped before it.
        package mutating func add(_ vote: Vote?, elided: Bool) {
            if elided { french += 1 }
            switch vote {
            case .french?: french += 1
            case .english?: english += 1
            case .other?: other += 1
            case nil: break
            }
        }

        /// The language with the most evidence when it has at least two and at least twice any other.
        package var language: Language? {
            let (winner, best, runnerUp) = french >= english
                ? (Language.french, french, max(english, other))
                : (Language.english, english, max(french, other))
            guard best >= 2, best >= 2 * runnerUp, best > other else { return nil }
            return winner
        }
    }

    /// The guess for a text; see ``guess(_:)``.
    public static func guess(_ text: String) -> Language? {
        guess(Tokenizer.tokens(text))
    }

    /// Folded, as tokens are. Words that are also common in another language ("la", "de", "en", "que",
    /// "il", "in", "an", "a", "on") are left out: they would make Spanish look French or German English.
    private static let frenchWords: Set<String> = [
        "le", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "au", "aux", "ce", "cette", "ces",
        "qui", "pas", "avec", "sont", "ont", "ete", "ils", "elle", "elles", "nous", "vous", "leur", "leurs",
        "ses", "mais", "sans", "selon", "apres", "depuis", "lors", "aussi", "tres", "cet", "ainsi", "etait",
    ]

    /// The French and English function words in one table, French first where both list a word, so a
    /// token costs one lookup.
    private static let functionWords: [String: Language] = {
        var table = Dictionary(uniqueKeysWithValues: englishWords.map { ($0, Language.english) })
        for word in frenchWords { table[word] = .french }
        return table
    }()

    /// The UTF-8 length of the longest word that votes.
    private static let longestVotingWord = (Array(functionWords.keys) + Array(otherWords)).map(\.utf8.count).max() ?? 0

    private static let englishWords: Set<String> = [
        "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "for", "with", "that", "this",
        "by", "from", "at", "it", "its", "which", "will", "has", "have", "had", "not", "or", "but", "their",
        "they", "we", "our", "who", "would", "about", "into", "than", "after", "over",
    ]

    private static let otherWords: Set<String> = [
        "el", "los", "las", "del", "con", "por", "una", "para", "lo", "y", "di", "della", "che", "gli", "nel",
        "der", "die", "das", "und", "ist", "mit", "von", "zu", "den", "os", "do", "da", "um", "uma", "nao",
    ]
}
