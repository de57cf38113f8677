import Model
import Testing

/// Stemming with Snowball, compounds in every spelling and the language an item is stemmed in.
@Suite("Snowball stems and compounds")
struct SnowballMatchingTests {
    static let compoundExamples: [Example] = [
        Example("ecommerce finds e-commerce", topic: "any: [ecommerce]", item: title("Le e-commerce progresse"), alertedFor: ["ecommerce"]),
        Example("ecommerce finds e commerce", topic: "any: [ecommerce]", item: title("Le e commerce progresse"), alertedFor: ["ecommerce"]),
        Example("e-commerce finds ecommerce", topic: "any: [e-commerce]", item: title("L'ecommerce progresse"), alertedFor: ["e-commerce"]),
        Example("e commerce finds ecommerce", topic: #"any: ["e commerce"]"#, item: title("L'ecommerce progresse"), alertedFor: ["e commerce"]),
        Example("startup finds start-up", topic: "any: [startup]", item: title("Une start-up lyonnaise"), alertedFor: ["startup"]),
        Example("start-up finds startup", topic: "any: [start-up]", item: title("Une startup lyonnaise"), alertedFor: ["start-up"]),
        Example("a hyphenated compound is one word, stemmed by default", topic: "any: [start-up]", item: title("Des start-ups lyonnaises"), alertedFor: ["start-up"]),
        Example("startup finds the plural of start-up", topic: "any: [startup]", item: title("Des start-ups lyonnaises"), alertedFor: ["startup"]),
        Example("ecommerce finds a plural written apart", topic: "any: [ecommerce]", item: title("Les e commerces régionaux"), alertedFor: ["ecommerce"]),
        Example("startup finds a plural written apart", topic: "any: [startup]", item: title("Deux start ups lyonnaises"), alertedFor: ["startup"]),
        Example("a derived form written apart finds its stem", topic: "any: [commercialisation]", item: title("La commerciali sations des vaccins"), alertedFor: ["commercialisation"]),
        Example("R & D finds R&D", topic: #"any: ["R & D"]"#, item: title("Crédit d'impôt R&D"), alertedFor: ["R & D"]),
        Example("R&D finds R & D", topic: #"any: ["R&D"]"#, item: title("Crédit d'impôt R & D"), alertedFor: ["R&D"]),
        Example("a compound does not find one of its parts", topic: "any: [ecommerce]", item: title("Le commerce progresse"), alertedFor: []),
    ]

    static let frenchStemExamples: [Example] = [
        Example("subvention finds subventions", topic: "any: [subvention]", item: title("Les subventions arrivent"), alertedFor: ["subvention"]),
        Example("innovation finds innovations", topic: "any: [innovation]", item: title("Trois innovations primées"), alertedFor: ["innovation"]),
        Example("innovation finds innovant, Snowball's same stem", topic: "any: [innovation]", item: title("Un procédé innovant"), alertedFor: ["innovation"]),
        Example("an accented feminine plural finds the masculine", topic: "any: [industriel]", item: title("Friches industrielles"), alertedFor: ["industriel"]),
        Example("a stem never matches inside a longer word", topic: "any: [innovation]", item: title("Le réseau innovaxe"), alertedFor: []),
        Example("a phrase is exact by default, stems or not", topic: #"any: ["zone industrielle"]"#, item: title("Zones industrielles"), alertedFor: []),
    ]

    static let itemLanguageExamples: [Example] = [
        Example("an English item is stemmed in English for a French profile", topic: "any: [battery]",
                item: title("New batteries for the electric cars of the future"), alertedFor: ["battery"]),
        Example("a title too short to guess is stemmed in the profile's language", topic: "any: [battery]",
                item: title("Batteries"), alertedFor: []),
        Example("a French item is stemmed in French for an English profile", topic: "any: [subvention]", language: "en",
                item: title("Les subventions régionales pour les entreprises"), alertedFor: ["subvention"]),
    ]

    static let acronymExamples: [Example] = [
        Example("an acronym is not found inside a word", topic: "any: [IA]", item: title("Italia et via Rail"), alertedFor: []),
        Example("an acronym is found before a hyphen", topic: "any: [IA]", item: title("L'IA-générative"), alertedFor: ["IA"]),
        Example("an acronym is not stemmed into another", topic: "any: [PME]", item: title("Les PMEs et les PMI"), alertedFor: []),
    ]

    @Test("Every spelling of a compound finds the others", arguments: compoundExamples)
    func compounds(_ example: Example) throws { try example.check() }

    @Test("French words match by their Snowball stem", arguments: frenchStemExamples)
    func frenchStems(_ example: Example) throws { try example.check() }

    @Test("An item is stemmed in its guessed language, else in the profile's", arguments: itemLanguageExamples)
    func itemLanguage(_ example: Example) throws { try example.check() }

    @Test("Acronyms are compared as whole words", arguments: acronymExamples)
    func acronyms(_ example: Example) throws { try example.check() }
}
