import Matching
import Model
import Testing

/// A profile with one topic per entry of `topics` (name → keywords), for tests that need little else.
private func profile(
    _ id: String, minScore: Double = 1, topicWeight: Double = 1, keywords: [String] = [], phrases: [String] = [],
    exclude: [String] = [], includeTags: [String] = [], excludedSources: [String] = [], sourceWeights: [String: Double] = [:]
) -> Profile {
    let terms = keywords.map { Term(text: $0) } + phrases.map { Term(text: $0, isPhrase: true) }
    return Profile(
        id: id, kind: .cluster, minScore: minScore, topics: [Topic(name: "Sujet", weight: topicWeight, terms: terms)],
        exclusions: exclude.map { Term(text: $0) }, includeTags: includeTags, excludedSources: excludedSources,
        sourceWeights: sourceWeights
    )
}

@Suite("Matcher")
struct MatcherTests {
    @Test("Items matched as one batch get what each gets alone, in order")
    func batchMatchesAreEachItemsMatches() {
        let matcher = Matcher(profiles: [
            profile("h2", keywords: ["hydrogène", "électrolyseur"]), profile("mer", keywords: ["éolien en mer"], exclude: ["emploi"]),
        ])
        let items = [
            FeedItem(title: "Électrolyseurs pour l'hydrogène"), FeedItem(title: "Rien"), FeedItem(title: "L'éolien en mer"),
            FeedItem(title: "Offre d'emploi : éolien en mer et hydrogène"), FeedItem(title: "Hydrogène et éolien en mer"),
        ]
        let batch = matcher.matches(for: items, source: nil)
        #expect(batch == items.map { matcher.matches(for: $0, source: nil) })
        #expect(batch.map(\.count) == [1, 0, 1, 1, 2])
    }

    @Test("Every profile's evaluation agrees with the matches, whichever of many profiles an item's words concern")
    func evaluationsAgreeWithMatches() {
        let words = ["hydrogène", "éolien", "batterie", "usine", "export", "capteur", "réseau", "chaleur"]
        // Profile i names words i and i + 3, so that an item's words concern scattered profiles.
        let profiles = words.indices.map { index in
            profile("p\(index)", keywords: [words[index], words[(index + 3) % words.count]], exclude: index == 5 ? ["usine"] : [])
        }
        let matcher = Matcher(profiles: profiles)
        for item in [
            FeedItem(title: "Hydrogène et chaleur"), FeedItem(title: "Une usine de capteurs pour l'export"),
            FeedItem(title: "Rien à voir"), FeedItem(title: "Batteries, réseaux, éoliennes"),
        ] {
            let alerted = matcher.evaluate(item, source: nil).filter(\.alerted).map(\.profile)
            #expect(Set(matcher.matches(for: item, source: nil).map(\.profile)) == Set(alerted))
        }
        #expect(matcher.matches(for: FeedItem(title: "Hydrogène et chaleur"), source: nil).map(\.profile).sorted() == ["p0", "p4", "p5", "p7"])
        #expect(matcher.matches(for: FeedItem(title: "Une usine et un capteur"), source: nil).map(\.profile).sorted() == ["p0", "p2", "p3"])
    }

    @Test("Matching ignores case and accents")
    func caseAndAccents() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["Pôle Mer"])])
        #expect(matcher.matches(for: FeedItem(title: "Le POLE MER recrute"), source: nil).map(\.profile) == ["p"])
        #expect(matcher.matches(for: FeedItem(title: "pôle mer"), source: nil).map(\.profile) == ["p"])
    }

    @Test("A term matches a word carrying a French elision, with either apostrophe")
    func elision() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["industrie"])])
        #expect(matcher.matches(for: FeedItem(title: "L'industrie navale"), source: nil).count == 1)
        #expect(matcher.matches(for: FeedItem(title: "Avenir de l’industrie"), source: nil).count == 1)
    }

    @Test("A term written with an elision matches the bare word")
    func elisionInTerm() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["conseil d'administration"])])
        #expect(matcher.matches(for: FeedItem(title: "Nouveau conseil d’administration"), source: nil).count == 1)
    }

    @Test("A phrase matches consecutive tokens, across punctuation")
    func phraseConsecutive() {
        let matcher = Matcher(profiles: [profile("p", phrases: ["feuille de route"])])
        #expect(matcher.matches(for: FeedItem(title: "La feuille de route 2030"), source: nil).count == 1)
        #expect(matcher.matches(for: FeedItem(title: "Une feuille-de-route ambitieuse"), source: nil).count == 1)
    }

    @Test("A phrase does not match its words scattered")
    func phraseScattered() {
        let matcher = Matcher(profiles: [profile("p", phrases: ["feuille de route"])])
        let item = FeedItem(title: "Sur la route, une feuille de chou", summaryText: "feuille route de")
        #expect(matcher.matches(for: item, source: nil).isEmpty)
        #expect(matcher.evaluate(item, source: nil).first?.contributions.isEmpty == true)
    }

    @Test("A hyphenated term matches both the compound and its spaced form")
    func hyphenatedTerm() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["e-commerce"])])
        #expect(matcher.matches(for: FeedItem(title: "Le E-Commerce progresse"), source: nil).count == 1)
        #expect(matcher.matches(for: FeedItem(title: "le e commerce progresse"), source: nil).count == 1)
        #expect(matcher.matches(for: FeedItem(title: "le commerce progresse"), source: nil).isEmpty)
    }

    @Test("An exclusion hit removes the item whatever its score")
    func exclusionWins() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["gouvernance"], exclude: ["nécrologie"])])
        let item = FeedItem(title: "Gouvernance gouvernance", contentText: "Rubrique NECROLOGIE")
        #expect(matcher.matches(for: item, source: nil).isEmpty)
        let evaluation = matcher.evaluate(item, source: nil)[0]
        #expect(evaluation.excluded)
        #expect(evaluation.exclusion == .term("nécrologie"))
        #expect(evaluation.points > 1)
    }

    @Test("Field boosts give title 3, categories 2, summary 1.5 and content 1 points for one hit")
    func fieldBoosts() {
        let matcher = Matcher(profiles: [profile("p", minScore: 0, keywords: ["port"])])
        func score(_ item: FeedItem) -> Double { matcher.evaluate(item, source: nil)[0].points }
        #expect(score(FeedItem(title: "port")) == 3)
        #expect(score(FeedItem(categories: ["Port"])) == 2)
        #expect(score(FeedItem(summaryText: "port")) == 1.5)
        #expect(score(FeedItem(contentText: "port")) == 1)
        #expect(score(FeedItem(title: "port", contentText: "port")) == 4)
    }

    @Test("Repeated hits saturate towards twice the points of one hit")
    func saturation() {
        let matcher = Matcher(profiles: [profile("p", minScore: 0, keywords: ["port"])])
        let three = matcher.evaluate(FeedItem(contentText: "port, port et port"), source: nil)[0]
        #expect(three.points == 1.5)
        #expect(three.contributions.map(\.points) == [1.5])
        #expect(three.contributions.map(\.count) == [3])
        #expect(Scoring.frequencyFactor(1) == 1)
        #expect(Scoring.frequencyFactor(1000) < 2)
    }

    @Test("Term and topic weights multiply the points and order the results")
    func weightsOrderResults() {
        let light = profile("light", topicWeight: 1, keywords: ["port"])
        var heavy = profile("heavy", topicWeight: 2, keywords: [])
        heavy.topics[0].terms = [Term(text: "port", weight: 1.5)]
        let matches = Matcher(profiles: [light, heavy]).matches(for: FeedItem(title: "Le port"), source: nil)
        #expect(matches.map(\.profile) == ["heavy", "light"])
        // Each profile's strongest term is its only one: one title hit is its reference, 50 on the scale.
        #expect(matches.map(\.score) == [50, 50])
    }

    @Test("Items below a profile's threshold do not match it")
    func threshold() {
        let matcher = Matcher(profiles: [profile("p", minScore: 2, keywords: ["port"])])
        #expect(matcher.matches(for: FeedItem(contentText: "le port"), source: nil).isEmpty)
        #expect(matcher.matches(for: FeedItem(title: "le port"), source: nil).map(\.score) == [50])
    }

    @Test("A source weight multiplies the item's score")
    func sourceWeight() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["port"], sourceWeights: ["gazette": 1.5])])
        let item = FeedItem(title: "port")
        #expect(matcher.evaluate(item, source: Source(name: "gazette", url: "https://g.example/")).map(\.points) == [4.5])
        #expect(matcher.matches(for: item, source: Source(name: "gazette", url: "https://g.example/")).map(\.score) == [60])
        #expect(matcher.matches(for: item, source: Source(name: "autre", url: "https://a.example/")).map(\.score) == [50])
    }

    @Test("An excluded source never matches")
    func excludedSource() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["port"], excludedSources: ["gazette"])])
        let item = FeedItem(title: "port")
        #expect(matcher.matches(for: item, source: Source(name: "gazette", url: "https://g.example/")).isEmpty)
        #expect(matcher.evaluate(item, source: Source(name: "gazette", url: "https://g.example/"))[0].exclusion == .excludedSource)
        #expect(matcher.matches(for: item, source: Source(name: "autre", url: "https://a.example/")).count == 1)
    }

    @Test("With include_tags only sources carrying one of the tags match")
    func includeTags() {
        let matcher = Matcher(profiles: [profile("p", keywords: ["port"], includeTags: ["mer"])])
        let item = FeedItem(title: "port")
        #expect(matcher.matches(for: item, source: Source(name: "a", url: "https://a.example/", tags: ["mer", "eco"])).count == 1)
        #expect(matcher.matches(for: item, source: Source(name: "b", url: "https://b.example/", tags: ["eco"])).isEmpty)
        #expect(matcher.evaluate(item, source: Source(name: "b", url: "https://b.example/"))[0].exclusion == .untaggedSource)
    }

    @Test("A term shared by two profiles of one matcher yields a match for each")
    func sharedTerm() {
        let matcher = Matcher(profiles: [
            profile("a", keywords: ["gouvernance"]), profile("b", keywords: ["gouvernance", "port"]), profile("c", keywords: ["pêche"]),
        ])
        let matches = matcher.matches(for: FeedItem(title: "Gouvernance"), source: nil)
        #expect(matches.map(\.profile) == ["a", "b"])
        #expect(matcher.evaluate(FeedItem(title: "Gouvernance"), source: nil).map(\.profile) == ["a", "b", "c"])
    }

    @Test("Topics and terms of a match are ordered by contribution")
    func orderedEvidence() {
        let profile = Profile(id: "p", kind: .cluster, topics: [
            Topic(name: "Faible", weight: 1, terms: [Term(text: "port")]),
            Topic(name: "Fort", weight: 2, terms: [Term(text: "gouvernance"), Term(text: "feuille de route", isPhrase: true)]),
        ])
        let item = FeedItem(title: "Gouvernance du port", contentText: "La feuille de route")
        let match = Matcher(profiles: [profile]).matches(for: item, source: nil)
        #expect(match.map(\.topics) == [["Fort", "Faible"]])
        #expect(match.map(\.terms) == [["gouvernance", "port", "feuille de route"]])
        #expect(match.map(\.score) == [ScoreScale.normalized(11, reference: 6)])
    }

    @Test("A phrase never spans two categories")
    func categoriesSeparate() {
        let matcher = Matcher(profiles: [profile("p", phrases: ["mer méditerranée"])])
        #expect(matcher.matches(for: FeedItem(categories: ["Mer", "Méditerranée"]), source: nil).isEmpty)
        #expect(matcher.matches(for: FeedItem(categories: ["Mer Méditerranée"]), source: nil).count == 1)
    }

    @Test("A term with no word in it is ignored")
    func wordlessTerm() {
        let matcher = Matcher(profiles: [profile("p", minScore: 0, keywords: ["—", "port"])])
        #expect(matcher.evaluate(FeedItem(title: "— port —"), source: nil)[0].contributions.map(\.term) == ["port"])
    }
}
