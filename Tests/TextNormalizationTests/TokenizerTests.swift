import Testing
import TextNormalization

@Suite("Tokenizer")
struct TokenizerTests {
    private func words(_ text: String) -> [String] {
        Tokenizer.tokens(text).map(\.text)
    }

    @Test("Words are folded and punctuation separates them")
    func foldedWords() {
        #expect(words("Le Pôle, la MER; (Méditerranée)!") == ["le", "pole", "la", "mer", "mediterranee"])
    }

    @Test("Positions count tokens from zero without gaps")
    func positions() {
        #expect(Tokenizer.tokens("un, deux... trois").map(\.position) == [0, 1, 2])
    }

    @Test("Elisions are removed with a straight apostrophe")
    func elisionsStraight() {
        #expect(words("l'industrie d'Azur qu'il jusqu'au lorsqu'elle") == ["industrie", "azur", "il", "au", "elle"])
    }

    @Test("Elisions are removed with a typographic apostrophe")
    func elisionsTypographic() {
        #expect(words("l’industrie n’est puisqu’on quoiqu’il s’agit c’est m’a t’en j’ai") ==
            ["industrie", "est", "on", "il", "agit", "est", "a", "en", "ai"])
    }

    @Test("Elided tokens take no position")
    func elisionPositions() {
        #expect(Tokenizer.tokens("de l'industrie").map(\.position) == [0, 1])
    }

    @Test("Other apostrophes separate words")
    func otherApostrophes() {
        #expect(words("aujourd'hui") == ["aujourd", "hui"])
    }

    @Test("Numbers with decimal or thousands separators stay whole")
    func numbers() {
        #expect(words("3,5 millions en 2024, soit 1.000.000 d'euros (v2.0)") ==
            ["3,5", "millions", "en", "2024", "soit", "1.000.000", "euros", "v2.0"])
    }

    @Test("Acronyms stay whole, dotted or with an ampersand")
    func acronyms() {
        #expect(words("Le CNRS et la C.N.R.S. font de la R&D avec AT&T") ==
            ["le", "cnrs", "et", "la", "cnrs", "font", "de", "la", "r&d", "avec", "at&t"])
    }

    @Test("A dot after a single letter followed by a word does not make an acronym")
    func notAcronym() {
        #expect(words("M.Dupont et site.fr") == ["m", "dupont", "et", "site", "fr"])
    }

    @Test("Hyphenated compounds yield their parts at adjacent positions")
    func hyphens() {
        let tokens = Tokenizer.tokens("l'e-commerce—franco‑allemand")
        #expect(tokens.map(\.text) == ["e", "commerce", "franco", "allemand"])
        #expect(tokens.map(\.position) == [0, 1, 2, 3])
    }

    @Test("Empty and punctuation-only text gives no tokens")
    func empty() {
        #expect(words("").isEmpty)
        #expect(words(" — ... !").isEmpty)
    }

    @Test("Non-Latin letters form tokens")
    func nonLatin() {
        #expect(words("Αθήνα 東京") == ["αθηνα", "東京"])
    }

    @Test("Elisions are removed with a modifier-letter apostrophe")
    func elisionsModifierLetter() {
        #expect(words("lʼindustrie dʼAzur") == ["industrie", "azur"])
    }

    @Test("An English possessive is dropped, with either apostrophe")
    func possessive() {
        #expect(words("Europe's industry and Europe’s ports") == ["europe", "industry", "and", "europe", "ports"])
        #expect(Tokenizer.tokens("Europe's industry").map(\.position) == [0, 1])
    }

    @Test("A spaced ampersand between letter pairs joins them as an unspaced one does", arguments: [
        ("R&D", ["r&d"]), ("R & D", ["r&d"]), ("r&d", ["r&d"]), ("AT & T", ["at&t"]), ("M & A", ["m&a"]),
        ("Eau & Mer", ["eau", "mer"]), ("Procter & Gamble", ["procter", "gamble"]), ("R & Dev", ["r", "dev"]),
    ])
    func spacedAmpersand(_ text: String, _ expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test("Digit groups after a no-break or thin space are one number; an ordinary space separates", arguments: [
        ("1\u{202F}000\u{202F}000 euros", ["1000000", "euros"]), ("1\u{A0}500 emplois", ["1500", "emplois"]),
        ("12\u{2009}345", ["12345"]), ("en 2024 1 000 emplois", ["en", "2024", "1", "000", "emplois"]),
        ("2024\u{A0}000", ["2024", "000"]), ("1\u{A0}0000", ["1", "0000"]), ("page\u{A0}123", ["page", "123"]),
    ])
    func digitGroups(_ text: String, _ expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test("An acronym is a token of its own, never found inside a longer word")
    func acronymWhole() {
        #expect(words("Italia investit dans l'IA") == ["italia", "investit", "dans", "ia"])
    }

    @Test("Every hyphen and dash variant yields a compound's parts at adjacent positions")
    func dashVariants() {
        for dash in ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"] {
            #expect(words("e\(dash)commerce") == ["e", "commerce"])
        }
    }

    @Test("Letters with decomposed accents are one word")
    func decomposedAccents() {
        #expect(words("re\u{301}alite\u{301} augmente\u{301}e") == ["realite", "augmentee"])
    }
}

