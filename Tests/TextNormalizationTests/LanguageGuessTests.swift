import Testing
import TextNormalization

@Suite("Language guess")
struct LanguageGuessTests {
    @Test("French news is French", arguments: [
        "La région lance un appel à projets pour les entreprises de la filière hydrogène",
        "L'industrie navale est en difficulté depuis la crise, selon le rapport publié mardi",
        "Nouvelles aides aux PME : ce qu'il faut savoir avant le 31 mars",
        "Les startups françaises ont levé 8 milliards d'euros en 2024",
    ])
    func french(_ text: String) {
        #expect(Language.guess(text) == .french)
    }

    @Test("English news is English", arguments: [
        "The region launches a call for projects for companies in the hydrogen sector",
        "Shipbuilding has been struggling since the crisis, according to the report published on Tuesday",
        "What small businesses need to know about the new grants",
        "European startups raised 8 billion euros in 2024, with AI leading the way",
    ])
    func english(_ text: String) {
        #expect(Language.guess(text) == .english)
    }

    @Test("Thin, mixed or other-language evidence gives no guess", arguments: [
        "", "Hydrogène", "Brexit", "France 2030", "Le Mans: Toyota wins the race", "Le Brexit",
        "La empresa de energía en la región del norte con nuevos proyectos y socios",
        "Die Region startet eine Ausschreibung für Unternehmen der Wasserstoffbranche und der Industrie",
    ])
    func unknown(_ text: String) {
        #expect(Language.guess(text) == nil)
    }

    @Test("Only the start of a long text is read")
    func startOnly() {
        let french = String(repeating: "Les entreprises de la filière sont dans la région. ", count: 30)
        let english = String(repeating: "The companies of the sector are in the region. ", count: 200)
        #expect(Language.guess(french + english) == .french)
    }

    @Test("Language codes are those profiles use")
    func codes() {
        #expect(Language(rawValue: "fr") == .french)
        #expect(Language(rawValue: "en") == .english)
        #expect(Language(rawValue: "de") == nil)
    }
}
