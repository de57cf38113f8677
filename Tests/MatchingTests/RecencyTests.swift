import Foundation
import Matching
import Model
import Testing

/// An item's age when first matched lowers its score: full for two days, then halving every week, at
/// least a quarter; an undated item keeps its score.
@Suite("Recency")
struct RecencyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    @Test("The standard decay by the item's age", arguments: [
        (nil, 1.0), (-3.0, 1.0), (0.0, 1.0), (2.0, 1.0), (9.0, 0.5), (16.0, 0.25), (100.0, 0.25),
    ] as [(Double?, Double)])
    func standardFactor(ageInDays: Double?, factor: Double) {
        let date = ageInDays.map { Self.now.addingTimeInterval(-$0 * Self.day) }
        #expect(Recency.standard.factor(date: date, now: Self.now) == factor)
    }

    @Test("Between the grace period and the floor the factor halves every half-life")
    func halving() {
        let recency = Recency(grace: 0, halfLife: Self.day, floor: 0)
        let factors = (0...3).map { recency.factor(date: Self.now.addingTimeInterval(-Double($0) * Self.day), now: Self.now) }
        #expect(factors == [1, 0.5, 0.25, 0.125])
    }

    @Test("The matcher lowers a dated item's score by its age at matching time, and only then")
    func matcherAppliesIt() throws {
        let snippet = ProfileSnippet(topic: "any: [port]", threshold: "threshold: 30")
        let matcher = Matcher(profiles: [try snippet.load()])
        let old = FeedItem(title: "Le port", published: Self.now.addingTimeInterval(-9 * Self.day))
        let undated = FeedItem(title: "Le port")
        let evaluation = try #require(matcher.evaluate(old, source: nil, matchedAt: Self.now).first)
        #expect(evaluation.recency == 0.5)
        #expect(evaluation.points == 1.5)
        #expect(abs(evaluation.score - 100.0 / 3) < 1e-9)
        #expect(matcher.evaluate(undated, source: nil, matchedAt: Self.now).first?.recency == 1)
        #expect(matcher.evaluate(old, source: nil).first?.recency == 1)
        #expect(matcher.matches(for: old, source: nil, matchedAt: Self.now.addingTimeInterval(30 * Self.day)).isEmpty)
    }

    @Test("A profile reads its recency settings, or turns recency off")
    func profileSettings() throws {
        let tuned = ProfileSnippet(topic: "any: [port]", profile: "recency: {grace: 0, half_life: 1d, floor: 0.5}")
        #expect(try tuned.load().recency == Recency(grace: 0, halfLife: Self.day, floor: 0.5))
        #expect(try ProfileSnippet(topic: "any: [port]", profile: "recency: false").load().recency == nil)
        #expect(try ProfileSnippet(topic: "any: [port]").load().recency == .standard)
        let off = Matcher(profiles: [try ProfileSnippet(topic: "any: [port]", profile: "recency: false").load()])
        let old = FeedItem(title: "Le port", published: Self.now.addingTimeInterval(-90 * Self.day))
        #expect(off.evaluate(old, source: nil, matchedAt: Self.now).first?.recency == 1)
    }
}
