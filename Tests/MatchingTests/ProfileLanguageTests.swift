import Matching
import Model
import Testing

/// One example per construct of the profile language (docs/profiles.md shows the same ones).
@Suite("Profile language")
struct ProfileLanguageTests {
    static let booleanGroupsExamples: [Example] = [
        Example("any: one term is enough", topic: "any: [hydrogène, électrolyseur]", item: title("Un électrolyseur"), alertedFor: ["électrolyseur"]),
        Example("keywords is today's name for any", topic: "keywords: [hydrogène]", item: title("Hydrogène vert"), alertedFor: ["hydrogène"]),
        Example("all: every term present", topic: "all: [hydrogène, camion]", item: title("Un camion à hydrogène"), alertedFor: ["camion", "hydrogène"]),
        Example("all: one term missing", topic: "all: [hydrogène, camion]", item: title("Un camion diesel"), alertedFor: []),
        Example("all and any: all present and one of any", topic: "all: [hydrogène]\nany: [camion, bus]",
                item: title("Des bus à hydrogène"), alertedFor: ["bus", "hydrogène"]),
        Example("all and any: all present but none of any", topic: "all: [hydrogène]\nany: [camion, bus]",
                item: title("L'hydrogène vert"), alertedFor: []),
        Example("none sets the topic aside", topic: "any: [hydrogène]\nnone: [horoscope]", item: title("Horoscope de l'hydrogène"), alertedFor: []),
        Example("none in one topic leaves the others", topic: "any: [hydrogène]\nnone: [horoscope]\n- name: U\n  any: [horoscope]",
                item: title("Horoscope de l'hydrogène"), alertedFor: ["horoscope"]),
        Example("exclude drops the item for the profile", topic: "any: [hydrogène]", profile: "exclude: [nécrologie]",
                item: FeedItem(title: "Hydrogène hydrogène", contentText: "Rubrique NÉCROLOGIE"), alertedFor: []),
        Example("exact phrases match consecutive words", topic: #"phrases: ["hydrogène vert"]"#, item: title("L'hydrogène vert"), alertedFor: ["hydrogène vert"]),
    ]

    static let proximityExamples: [Example] = [
        Example("near: inside the window", topic: "any: [{near: [hydrogène, mobilité], within: 5}]",
                item: title("L'hydrogène au service de la mobilité"), alertedFor: ["hydrogène NEAR/5 mobilité"]),
        Example("near: exactly at the window's edge", topic: "any: [{near: [hydrogène, mobilité], within: 3}]",
                item: title("hydrogène et la nouvelle mobilité"), alertedFor: ["hydrogène NEAR/3 mobilité"]),
        Example("near: one word past the window", topic: "any: [{near: [hydrogène, mobilité], within: 2}]",
                item: title("hydrogène et la nouvelle mobilité"), alertedFor: []),
        Example("near: in either order", topic: "any: [{near: [hydrogène, mobilité], within: 5}]",
                item: title("La mobilité par l'hydrogène"), alertedFor: ["hydrogène NEAR/5 mobilité"]),
        Example("near ordered: in order", topic: "any: [{near: [hydrogène, mobilité], within: 5, ordered: true}]",
                item: title("L'hydrogène pour la mobilité"), alertedFor: ["hydrogène PRE/5 mobilité"]),
        Example("near ordered: out of order", topic: "any: [{near: [hydrogène, mobilité], within: 5, ordered: true}]",
                item: title("La mobilité par l'hydrogène"), alertedFor: []),
        Example("near: never across two fields", topic: "any: [{near: [hydrogène, mobilité], within: 5}]",
                item: FeedItem(title: "Hydrogène", summaryText: "Mobilité"), alertedFor: []),
        Example("near: a phrase member counts its own words apart", topic: #"any: [{near: ["pile à combustible", camion], within: 1}]"#,
                item: title("Une pile à combustible pour camion"), alertedFor: ["pile à combustible NEAR/1 camion"]),
        Example("near: three members", topic: "any: [{near: [hydrogène, camion, Lyon], within: 4}]",
                item: title("Lyon : un camion roulant à l'hydrogène"), alertedFor: ["hydrogène NEAR/4 camion NEAR/4 Lyon"]),
        Example("near: members are stemmed like terms", topic: "any: [{near: [camion, hydrogène], within: 3}]",
                item: title("Des camions à hydrogène"), alertedFor: ["camion NEAR/3 hydrogène"]),
    ]

    static let fieldTargetsExamples: [Example] = [
        Example("fields on a topic: found in the title", topic: "fields: [title]\nany: [hydrogène]", item: title("Hydrogène"), alertedFor: ["hydrogène"]),
        Example("fields on a topic: found only in the content", topic: "fields: [title]\nany: [hydrogène]",
                item: FeedItem(title: "Énergie", contentText: "hydrogène"), alertedFor: []),
        Example("fields on a term", topic: "any: [{term: hydrogène, fields: [summary, categories]}]",
                item: FeedItem(title: "hydrogène", categories: ["Hydrogène"]), alertedFor: ["hydrogène"]),
        Example("a term's fields replace its topic's", topic: "fields: [title]\nany: [{term: hydrogène, fields: [content]}]",
                item: FeedItem(title: "hydrogène"), alertedFor: []),
        Example("an exclusion restricted to the title", topic: "any: [hydrogène]", profile: "exclude: [{term: publicité, fields: [title]}]",
                item: FeedItem(title: "Hydrogène", contentText: "publicité"), alertedFor: ["hydrogène"]),
    ]

    static let wildcardsExamples: [Example] = [
        Example("a prefix matches the words it begins", topic: "any: [cyber*]", item: title("La cybersécurité des PME"), alertedFor: ["cyber*"]),
        Example("a prefix matches the word itself", topic: "any: [cyber*]", item: title("Cyber : alerte"), alertedFor: ["cyber*"]),
        Example("a prefix is compared after folding", topic: "any: [écolog*]", item: title("Transition ECOLOGIQUE"), alertedFor: ["écolog*"]),
        Example("a prefix does not match inside a word", topic: "any: [cyber*]", item: title("Hypercyber"), alertedFor: []),
        Example("a prefix in a phrase", topic: #"any: ["transition* écolog*"]"#, item: title("Les transitions écologiques"),
                alertedFor: ["transition* écolog*"]),
    ]

    static let regexesExamples: [Example] = [
        Example("a regular expression matches the folded text", topic: #"any: [{regex: 'd[ée]cret n. ?\d{4}-\d+'}]"#,
                item: title("Décret n° 2024-123 du 5 mars"), alertedFor: [#"/d[ée]cret n. ?\d{4}-\d+/"#]),
        Example("a regular expression with word boundaries", topic: #"any: [{regex: '\bh2\b'}]"#, item: title("Le H2 vert"), alertedFor: [#"/\bh2\b/"#]),
        Example("a word boundary keeps a regex out of longer words", topic: #"any: [{regex: '\bh2\b'}]"#, item: title("Le H2O"), alertedFor: []),
        Example("a regex restricted to the title", topic: #"any: [{regex: 'appel', fields: [title]}]"#,
                item: FeedItem(title: "Rien", contentText: "appel"), alertedFor: []),
    ]

    static let vocabulariesExamples: [Example] = [
        Example("$name in a list stands for each term of the vocabulary", topic: "any: [$communes]",
                vocabularies: ["communes": "terms: [Montpellier, Castelnau-le-Lez, Lattes]"],
                item: title("Castelnau le Lez inaugure"), alertedFor: ["Castelnau-le-Lez"]),
        Example("a vocabulary in all is found with any one of its terms", topic: "all: [$communes, inondation]",
                vocabularies: ["communes": "terms: [Montpellier, Lattes]"], item: title("Inondation à Lattes"), alertedFor: ["Lattes", "inondation"]),
        Example("a vocabulary in all still needs the other entries", topic: "all: [$communes, inondation]",
                vocabularies: ["communes": "terms: [Montpellier, Lattes]"], item: title("Fête à Lattes"), alertedFor: []),
        Example("a vocabulary as a near member", topic: "any: [{near: [$communes, inondation], within: 2}]",
                vocabularies: ["communes": "terms: [Montpellier, Lattes]"], item: title("Lattes : inondation"),
                alertedFor: ["$communes NEAR/2 inondation"]),
        Example("a vocabulary reference restricted to the title", topic: "any: [{vocabulary: concurrents, fields: [title]}]",
                vocabularies: ["concurrents": "terms: [Hynamics, Lhyfe]"], item: FeedItem(title: "Marché", contentText: "Lhyfe"), alertedFor: []),
    ]

    /// The regular expression syntax, case by case: pattern, title, whether it matches.
    static let regexSyntaxCases: [(pattern: String, title: String, matches: Bool)] = [
        ("^le ", "Le port", true),
        ("^le ", "Dans le port", false),
        ("port$", "Le port", true),
        ("port$", "Le port de Sète", false),
        ("(hydro|électro)lyse", "Trois électrolyseurs", true),
        ("[0-9]{2,3} ?mw", "Un parc de 250 MW", true),
        ("[0-9]{2,3} ?mw", "Un parc de 5 MW", false),
        ("co-?entreprise", "Une co-entreprise", true),
        ("co-?entreprise", "Une coentreprise", true),
        ("ÉNERGIE", "énergie", true),
        ("x{3}", "xxx", true),
        ("x{3}", "xx", false),
        ("(ab)*c", "ababc", true),
        ("(a|)b", "b", true),
        ("a.c", "abc", true),
        ("[^a-z]h2[^a-z]", "le h2 vert", true),
        ("[^a-z]h2[^a-z]", "le h2o", false),
        (#"\d+ ?%"#, "hausse de 3,5 %", true),
        (#"\bport\b"#, "portail", false),
        (#"\w+ment\b"#, "financement", true),
        (#"\s\S"#, "a b", true),
        (#"\."#, "fin.", true),
        (#"\."#, "fin", false),
    ]

    @Test("The regular expression syntax behaves as documented")
    func regexSyntax() throws {
        for (pattern, text, expected) in Self.regexSyntaxCases {
            let snippet = ProfileSnippet(topic: "any: [{regex: '\(pattern)'}]")
            #expect(try !snippet.matchedTerms(title(text)).isEmpty == expected, "\(pattern) on \(text)")
        }
    }

    @Test("any, all, none, exclude and phrases", arguments: booleanGroupsExamples)
    func booleanGroups(_ example: Example) throws { try example.check() }

    @Test("near finds terms within a number of words, in order or not", arguments: proximityExamples)
    func proximity(_ example: Example) throws { try example.check() }

    @Test("fields restrict where a term is searched", arguments: fieldTargetsExamples)
    func fieldTargets(_ example: Example) throws { try example.check() }

    @Test("A star ending a word matches every word it begins", arguments: wildcardsExamples)
    func wildcards(_ example: Example) throws { try example.check() }

    @Test("A bounded regular expression searches the folded text", arguments: regexesExamples)
    func regexes(_ example: Example) throws { try example.check() }

    @Test("Shared vocabularies are used by name", arguments: vocabulariesExamples)
    func vocabularies(_ example: Example) throws { try example.check() }

    @Test("A term can target the source's name and tags")
    func sourceField() throws {
        let snippet = ProfileSnippet(topic: "any: [hydrogène, {term: agence, fields: [source]}]")
        let afp = Source(name: "afp", url: "https://afp.example/rss", tags: ["agence"])
        #expect(try snippet.matchedTerms(title("Hydrogène"), source: afp) == ["hydrogène", "agence"])
        #expect(try snippet.matchedTerms(title("Une agence"), source: nil) == [])
    }

    @Test("A regular expression that would backtrack for ever ends, reading each scalar once")
    func pathologicalRegex() throws {
        let snippet = ProfileSnippet(topic: "any: [{regex: '(a+)+b'}]")
        let item = title(String(repeating: "a", count: 10_000))
        #expect(try snippet.matchedTerms(item) == [])
        #expect(try snippet.matchedTerms(title(String(repeating: "a", count: 100) + "b")) == ["/(a+)+b/"])
    }
}
