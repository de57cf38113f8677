import Testing
import TextNormalization

@Suite("Token")
struct TokenTests {
    @Test("A token keeps its word case-folded with its accents, for the stemmer")
    func caseFolded() {
        let tokens = Tokenizer.tokens("L'Énergie AUGMENTÉE du Cœur")
        #expect(tokens.map(\.caseFolded) == ["énergie", "augmentée", "du", "coeur"])
        #expect(tokens.map(\.text) == ["energie", "augmentee", "du", "coeur"])
    }

    @Test("A token's range is where its word stands in the source, elision and final dot outside", arguments: [
        ("L’Énergie, AUGMENTÉE!", ["Énergie", "AUGMENTÉE"]), ("Le C.N.R.S. et la R & D", ["Le", "C.N.R.S", "et", "la", "R & D"]),
        ("1\u{202F}000 e-commerce", ["1\u{202F}000", "e", "commerce"]), ("gouver\u{AD}nance", ["gouver\u{AD}nance"]),
        ("re\u{301}el Europe's", ["re\u{301}el", "Europe"]),
    ])
    func ranges(_ text: String, _ expected: [String]) {
        #expect(Tokenizer.tokens(text).map { String(text[$0.range]) } == expected)
    }

    /// Each text with the flags of its tokens.
    static let flagCases: [(String, [Token.Flags])] = [
        ("2024", [.number]), ("3,5", [.number]), ("1.000.000", [.number]), ("v2.0", [[]]),
        ("IA", [.allCaps]), ("PME", [.allCaps]), ("C.N.R.S.", [.allCaps]), ("Ia", [[]]), ("A", [[]]), ("ia", [[]]),
        ("R&D", [[.ampersand, .allCaps]]), ("r & d", [.ampersand]), ("l'industrie", [.elided]),
        ("e-commerce", [.hyphenatedToNext, .hyphenatedToPrevious]), ("e - commerce", [[], []]),
        ("franco-germano-suisse", [.hyphenatedToNext, [.hyphenatedToNext, .hyphenatedToPrevious], .hyphenatedToPrevious]),
        ("COVID-19", [[.allCaps, .hyphenatedToNext], [.number, .hyphenatedToPrevious]]),
        ("l'e-commerce", [[.elided, .hyphenatedToNext], .hyphenatedToPrevious]),
    ]

    @Test("Flags tell numbers, acronyms, compounds, ampersands and elisions", arguments: flagCases)
    func flags(_ text: String, _ expected: [Token.Flags]) {
        #expect(Tokenizer.tokens(text).map(\.flags) == expected)
    }

    @Test("A token made without a source text is its own case-folded form, with no flags")
    func plainInit() {
        let token = Token(text: "pole", position: 3)
        #expect(token.caseFolded == "pole")
        #expect(token.flags.isEmpty)
        #expect(token.position == 3)
    }
}
