import Testing

@testable import TextNormalization

@Suite("Word patterns")
struct WordPatternTests {
    /// The parse's verdict on `term`: its problem, or nil when it parses.
    static func parsed(_ term: String) -> TermProblem? {
        do throws(TermProblem) {
            _ = try WordPattern.parse(term)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "A term's remembered verdict is its parse's, the first time and from memory",
        arguments: [
            "hydrogène", "appel à projets", "e-commerce", "R&D", "cyber*", "cy*", "*", " * ", "sub*vention", "*cyber",
            "  ", "", "...", "IA 2030", "Pôle emploi", "l’industrie",
        ])
    func verdictIsTheParse(term: String) {
        let expected = Self.parsed(term)
        #expect(WordPattern.problem(in: term) == expected)
        #expect(WordPattern.problem(in: term) == expected)
    }

    @Test("Plain words pass without a parse, and a term without a letter or digit does not")
    func plainWords() {
        #expect(WordPattern.problem(in: "appel 2030") == nil)
        #expect(WordPattern.problem(in: "   ")?.message.contains("no letter or digit") == true)
        #expect(WordPattern.problem(in: "cy*")?.message.contains("2 letters before its star") == true)
    }
}
