import Configuration
import Matching
import Model
import Testing

/// The 0–100 scale of docs/scoring.md: `100 · x / (x + 1)` with `x` the item's points over the profile's
/// reference, the points of its strongest term found once in its best field.
@Suite("Normalised scores")
struct ScoreScaleTests {
    /// A profile snippet, an item, the score it gets and whether it is alerted.
    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var snippet: ProfileSnippet
        var item: FeedItem
        var score: Double
        var alerted: Bool
        var testDescription: String { what }

        init(_ what: String, topic: String, threshold: String = "threshold: 30", item: FeedItem, score: Double, alerted: Bool) {
            self.what = what
            snippet = ProfileSnippet(topic: topic, threshold: threshold)
            self.item = item
            self.score = score
            self.alerted = alerted
        }
    }

    static let cases: [Case] = [
        Case("the strongest term once in the title is the reference", topic: "any: [port]", item: title("Le port"), score: 50, alerted: true),
        Case("once in the content is a third of it", topic: "any: [port]", item: FeedItem(contentText: "le port"), score: 25, alerted: false),
        Case("a weaker term scores against the strongest", topic: "weight: 4\nany: [port, {term: digue, weight: 2}]",
             item: title("Le port"), score: 100.0 / 3, alerted: true),
        Case("all entries found add up", topic: "all: [hydrogène, camion]", item: title("Camion à hydrogène"),
             score: 200.0 / 3, alerted: true),
        Case("a term restricted to the content is its own best field", topic: "any: [{term: port, fields: [content]}]",
             item: FeedItem(contentText: "le port"), score: 50, alerted: true),
        Case("min_score in points becomes its place on the scale", topic: "any: [port]", threshold: "min_score: 2",
             item: FeedItem(summaryText: "le port"), score: 100.0 / 3, alerted: false),
        Case("min_score in points alerts what it alerted before", topic: "any: [port]", threshold: "min_score: 2",
             item: FeedItem(categories: ["Port"]), score: 40, alerted: true),
    ]

    @Test("A profile snippet scores an item on its own 0-100 scale", arguments: cases)
    func scale(_ example: Case) throws {
        let evaluation = try example.snippet.evaluation(example.item)
        #expect(abs(evaluation.score - example.score) < 1e-9, "\(example.snippet.yaml)")
        #expect(evaluation.alerted == example.alerted)
        let matches = Matcher(profiles: [try example.snippet.load()]).matches(for: example.item, source: nil)
        #expect(matches.map(\.score) == (example.alerted ? [evaluation.score] : []))
    }

    @Test("Two profiles with very different weights and term counts score equivalent items alike")
    func comparableAcrossProfiles() throws {
        let light = ProfileSnippet(topic: "any: [port]", threshold: "threshold: 30")
        let heavyTerms = (1...20).map { "{term: mot\($0), weight: 3}" }.joined(separator: ", ")
        let heavy = ProfileSnippet(
            topic: "weight: 5\nany: [\(heavyTerms), {term: port, weight: 3}]\n- name: Autre\n  any: [digue, quai, môle]",
            threshold: "threshold: 30")
        let configuration = try ProfileSnippet.load([light, heavy])
        let matcher = Matcher(profiles: configuration.profiles)
        for item in [title("Le port"), FeedItem(contentText: "le port"), FeedItem(title: "port", summaryText: "port")] {
            let scores = matcher.evaluate(item, source: nil).map(\.score)
            #expect(abs(scores[0] - scores[1]) < 1e-9, "\(item)")
            #expect(matcher.evaluate(item, source: nil).map(\.alerted) == [scores[0] >= 30, scores[0] >= 30])
        }
        #expect(matcher.evaluate(title("Le port"), source: nil).map(\.points) == [3, 45])
    }

    @Test("A min_score in points alerts exactly the items whose points reach it")
    func minScoreIsKept() throws {
        let snippet = ProfileSnippet(topic: "weight: 2\nany: [port, {term: quai, weight: 0.5}]", threshold: "min_score: 3")
        let items = [
            title("quai"), FeedItem(summaryText: "quai"), FeedItem(contentText: "port"), FeedItem(summaryText: "port"),
            FeedItem(contentText: "quai quai quai"), title("port"), FeedItem(categories: ["quai", "Port"]),
        ]
        for item in items {
            let evaluation = try snippet.evaluation(item)
            #expect(evaluation.alerted == (evaluation.points >= 3), "\(item)")
        }
    }

    @Test("The score never reaches 100 and grows with the points")
    func saturates() {
        let scores = [0.5, 1, 3, 9, 1000].map { ScoreScale.normalized($0, reference: 1) }
        #expect(scores[1] == 50 && scores[2] == 75 && scores[3] == 90)
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 < $1 })
        #expect(scores.allSatisfy { $0 < 100 })
        #expect(ScoreScale.normalized(0, reference: 3) == 0)
    }
}
