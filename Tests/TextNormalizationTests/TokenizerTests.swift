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
}
