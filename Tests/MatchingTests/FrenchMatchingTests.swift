import Model
import Testing

/// The French cases a watch profile must get right, each as a profile snippet, an item and the result.
@Suite("French matching")
struct FrenchMatchingTests {
    static let accentsAndCaseExamples: [Example] = [
        Example("case and accents are ignored", topic: #"any: ["Pôle Mer"]"#, item: title("Le POLE MER recrute"), alertedFor: ["Pôle Mer"]),
        Example("an unaccented term finds the accented word", topic: "any: [electrolyseur]", item: title("Un électrolyseur géant"), alertedFor: ["electrolyseur"]),
        Example("œ in the item reads as oe", topic: "any: [oeuvre]", item: title("Main-d'œuvre qualifiée"), alertedFor: ["oeuvre"]),
    ]

    static let apostrophesExamples: [Example] = [
        Example("a straight apostrophe's elision is dropped", topic: "any: [industrie]", item: title("L'industrie navale"), alertedFor: ["industrie"]),
        Example("a typographic apostrophe's elision is dropped", topic: "any: [industrie]", item: title("Avenir de l’industrie"), alertedFor: ["industrie"]),
        Example("a term written with one apostrophe finds the other", topic: #"any: ["conseil d'administration"]"#,
                item: title("Nouveau conseil d’administration"), alertedFor: ["conseil d'administration"]),
        Example("an exclusion with an elision catches the capitalised phrase", topic: "any: [hydrogène]",
                profile: #"exclude: [{term: "offre d'emploi", stem: true}]"#, item: title("OFFRES D’EMPLOI : hydrogène"), alertedFor: []),
    ]

    static let stemsExamples: [Example] = [
        Example("a single word finds its plural (stemming on by default)", topic: "any: [subvention]", item: title("Deux subventions régionales"), alertedFor: ["subvention"]),
        Example("a plural term finds the singular", topic: "any: [subventions]", item: title("Une subvention régionale"), alertedFor: ["subventions"]),
        Example("-aux plurals fold to -al", topic: "any: [journal]", item: title("Les journaux régionaux"), alertedFor: ["journal"]),
        Example("-eaux plurals fold to -eau", topic: "any: [réseau]", item: title("Des réseaux de chaleur"), alertedFor: ["réseau"]),
        Example("Snowball leaves the short -eux plurals apart", topic: "any: [jeu]", item: title("Les jeux vidéo"), alertedFor: []),
        Example("stemming joins the derived words Snowball gives one stem", topic: "any: [export]", item: title("Les exportations reculent"), alertedFor: ["export"]),
        Example("with stem: false on the term, only the exact word matches", topic: "any: [{term: subvention, stem: false}]",
                item: title("Deux subventions"), alertedFor: []),
        Example("with stem: false on the term, the exact word still matches", topic: "any: [{term: subvention, stem: false}]",
                item: title("Une subvention"), alertedFor: ["subvention"]),
        Example("stem: false on the topic applies to its terms", topic: "stem: false\nany: [subvention]", item: title("Deux subventions"), alertedFor: []),
        Example("stem: false on the profile applies to every topic", topic: "any: [subvention]", profile: "stem: false",
                item: title("Deux subventions"), alertedFor: []),
        Example("a term's stem: true wins over the topic's stem: false", topic: "stem: false\nany: [{term: subvention, stem: true}]",
                item: title("Deux subventions"), alertedFor: ["subvention"]),
        Example("a phrase is exact by default", topic: #"any: ["appel d'offres"]"#, item: title("Des appels d'offres"), alertedFor: []),
        Example("a phrase with stem: true matches stem by stem", topic: #"any: [{term: "appel d'offre", stem: true}]"#,
                item: title("Des appels d'offres"), alertedFor: ["appel d'offre"]),
        Example("stemmed words stay whole words", topic: "any: [port]", item: title("Le portail des aides"), alertedFor: []),
        Example("English plurals in -ies fold to -y", topic: "any: [company]", language: "en", item: title("Companies hire"), alertedFor: ["company"]),
        Example("English plurals in -es after x fold", topic: "any: [tax]", language: "en", item: title("New taxes"), alertedFor: ["tax"]),
        Example("words ending in -ss are not plurals", topic: "any: [proces]", item: title("Le process industriel"), alertedFor: []),
        Example("a language without stemmer matches exact words", topic: "any: [Förderung]", language: "de",
                item: title("Förderungen"), alertedFor: []),
    ]

    static let compoundsExamples: [Example] = [
        Example("a hyphenated term finds the capitalised compound", topic: "any: [e-commerce]", item: title("Le E-Commerce progresse"), alertedFor: ["e-commerce"]),
        Example("a hyphenated term finds the spaced form", topic: "any: [e-commerce]", item: title("le e commerce progresse"), alertedFor: ["e-commerce"]),
        Example("a hyphenated term does not match its last part alone", topic: "any: [e-commerce]", item: title("le commerce progresse"), alertedFor: []),
        Example("start-up finds start up", topic: "any: [start-up]", item: title("Une start up lyonnaise"), alertedFor: ["start-up"]),
        Example("a word finds the part of a hyphenated compound", topic: "any: [commerce]", item: title("Le e-commerce"), alertedFor: ["commerce"]),
    ]

    static let phrasesExamples: [Example] = [
        Example("a phrase matches across a hyphen", topic: #"phrases: ["feuille de route"]"#, item: title("Une feuille-de-route"), alertedFor: ["feuille de route"]),
        Example("a phrase matches across a comma", topic: #"phrases: ["Bretagne Pays de la Loire"]"#,
                item: title("Bretagne, Pays de la Loire : accord"), alertedFor: ["Bretagne Pays de la Loire"]),
        Example("a phrase does not match its words scattered", topic: #"phrases: ["feuille de route"]"#,
                item: title("Sur la route, une feuille de chou"), alertedFor: []),
        Example("a phrase never spans two categories", topic: #"phrases: ["mer méditerranée"]"#,
                item: FeedItem(categories: ["Mer", "Méditerranée"]), alertedFor: []),
    ]

    static let acronymsAndPlacesExamples: [Example] = [
        Example("an acronym is a whole word, not a part of one", topic: "any: [IA]", item: title("Passer via Lyon"), alertedFor: []),
        Example("an acronym after an elision matches", topic: "any: [IA]", item: title("L'IA générative"), alertedFor: ["IA"]),
        Example("R&D matches R&D in any case", topic: #"any: ["R&D"]"#, item: title("Crédit r&d"), alertedFor: ["R&D"]),
        Example("a dotted acronym matches the plain one", topic: "any: [CNRS]", item: title("Le C.N.R.S. recrute"), alertedFor: ["CNRS"]),
        Example("a hyphenated place name finds the spaced one", topic: "any: [Saint-Étienne]", item: title("Saint Etienne Métropole"), alertedFor: ["Saint-Étienne"]),
        Example("a spaced place name finds the hyphenated one in capitals", topic: #"any: ["Aix en Provence"]"#,
                item: title("AIX-EN-PROVENCE : le marché"), alertedFor: ["Aix en Provence"]),
        Example("a place name matches across a non-breaking hyphen", topic: "any: [Saint-Étienne]", item: title("Saint\u{2011}Étienne"), alertedFor: ["Saint-Étienne"]),
        Example("a place name does not match its parts apart", topic: "any: [Saint-Étienne]", item: title("Saint-Priest près d'Étienne"), alertedFor: []),
    ]

    @Test("Accents and case are ignored", arguments: accentsAndCaseExamples)
    func accentsAndCase(_ example: Example) throws { try example.check() }

    @Test("Both apostrophes and their elisions read alike", arguments: apostrophesExamples)
    func apostrophes(_ example: Example) throws { try example.check() }

    @Test("Plurals match with stemming on and only the exact word with it off", arguments: stemsExamples)
    func stems(_ example: Example) throws { try example.check() }

    @Test("Hyphenated compounds match their spaced forms", arguments: compoundsExamples)
    func compounds(_ example: Example) throws { try example.check() }

    @Test("Phrases match consecutive words across punctuation", arguments: phrasesExamples)
    func phrases(_ example: Example) throws { try example.check() }

    @Test("Acronyms are whole words; place names match hyphenated or spaced", arguments: acronymsAndPlacesExamples)
    func acronymsAndPlaces(_ example: Example) throws { try example.check() }
}

extension FrenchMatchingTests {
    static let acronymStemsExamples: [Example] = [
        Example("an acronym written in capitals is not stemmed", topic: "any: [CNR]", item: title("Le CNRS recrute"), alertedFor: []),
        Example("an acronym written in capitals still matches itself", topic: "any: [CNR]", item: title("La CNR investit"), alertedFor: ["CNR"]),
        Example("a name written with a capital is not stemmed", topic: "any: [Lattes]", item: title("Un latte à emporter"), alertedFor: []),
        Example("a name written with a capital matches itself in any case", topic: "any: [Lattes]", item: title("LATTES : le conseil"), alertedFor: ["Lattes"]),
    ]

    @Test("A name or acronym written with a capital is compared exactly", arguments: acronymStemsExamples)
    func acronymStems(_ example: Example) throws { try example.check() }
}
