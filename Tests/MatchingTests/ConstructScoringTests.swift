import Configuration
import Matching
import Model
import Testing

/// New constructs earn points as terms do: term weight × topic weight × field boost × 2·n/(n+1).
@Suite("Scoring of the profile constructs")
struct ConstructScoringTests {
    @Test("A proximity group found in the title counts as one term hit")
    func nearCountsOnce() throws {
        let snippet = ProfileSnippet(topic: "weight: 2\nany: [{near: [hydrogène, mobilité], within: 3, weight: 1.5}]")
        let evaluation = try snippet.evaluation(title("Hydrogène et mobilité"))
        #expect(evaluation.contributions.map(\.term) == ["hydrogène NEAR/3 mobilité"])
        #expect(evaluation.contributions.map(\.field) == [.title])
        #expect(evaluation.contributions.map(\.count) == [1])
        #expect(evaluation.points == 9)
    }

    @Test("Two places of a proximity group in one field saturate like two hits")
    func nearTwice() throws {
        let snippet = ProfileSnippet(topic: "any: [{near: [hydrogène, mobilité], within: 0}]")
        let evaluation = try snippet.evaluation(FeedItem(contentText: "hydrogène mobilité, puis mobilité hydrogène"))
        #expect(evaluation.contributions.map(\.count) == [2])
        #expect(evaluation.points == Scoring.frequencyFactor(2))
    }

    @Test("All terms count once every one is found")
    func allWhenComplete() throws {
        let snippet = ProfileSnippet(topic: "all: [hydrogène, camion]")
        #expect(try snippet.evaluation(title("Camion à hydrogène")).points == 6)
        let partial = try snippet.evaluation(title("Camion diesel"))
        #expect(partial.points == 0)
        #expect(partial.contributions.isEmpty)
        #expect(partial.setAside == [Evaluation.SetAside(topic: "T", reason: .missing("hydrogène"))])
    }

    @Test("A none term sets its topic aside and says which term did")
    func noneSetsAside() throws {
        let snippet = ProfileSnippet(topic: "any: [hydrogène]\nnone: [horoscope]")
        let evaluation = try snippet.evaluation(title("Horoscope hydrogène"))
        #expect(evaluation.points == 0)
        #expect(!evaluation.excluded)
        #expect(evaluation.setAside == [Evaluation.SetAside(topic: "T", reason: .excludedBy("horoscope"))])
    }

    @Test("A topic whose all terms are found but none of its any terms is set aside")
    func anyMissing() throws {
        let snippet = ProfileSnippet(topic: "all: [hydrogène]\nany: [camion]")
        #expect(try snippet.evaluation(title("Hydrogène")).setAside == [Evaluation.SetAside(topic: "T", reason: .noAnyTerm)])
    }

    @Test("A vocabulary term keeps its weight times the reference's")
    func vocabularyWeight() throws {
        let snippet = ProfileSnippet(
            topic: "any: [{vocabulary: concurrents, weight: 2}]",
            vocabularies: ["concurrents": "terms: [{term: Lhyfe, weight: 1.5}]"])
        #expect(try snippet.evaluation(title("Lhyfe lève des fonds")).points == 9)
    }

    @Test("One profile's terms do not leak into another sharing the same words")
    func sharedUnits() throws {
        let configuration = try ProfileSnippet.load([
            ProfileSnippet(topic: "any: [{term: hydrogène, fields: [title]}]"),
            ProfileSnippet(topic: "any: [hydrogène]\nnone: [diesel]"),
        ])
        let evaluations = Matcher(profiles: configuration.profiles).evaluate(FeedItem(title: "Diesel", contentText: "hydrogène"), source: nil)
        #expect(evaluations.map(\.points) == [0, 0])
        #expect(evaluations[1].setAside.map(\.topic) == ["T"])
    }
}
