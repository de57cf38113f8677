import Foundation
import Scheduling
import Testing

@Suite struct AdaptiveIntervalTests {
    let adaptive = AdaptiveInterval(minimum: 300, maximum: 86_400)

    /// Fetches a source `fetches` times, each finding `newItems` new items, with no cache lifetime.
    private func run(from start: TimeInterval, fetches: Int, newItems: (TimeInterval) -> Int) -> [PublishingPace] {
        var pace = adaptive.initial(start)
        var paces: [PublishingPace] = []
        for _ in 0..<fetches {
            pace = adaptive.next(after: pace, newItems: newItems(pace.interval), elapsed: pace.interval)
            paces.append(pace)
        }
        return paces
    }

    @Test("a source publishing an item a minute converges down to the minimum interval and stays there")
    func fastPublisherConvergesToTheMinimum() {
        let paces = run(from: 3600, fetches: 10) { interval in Int(interval / 60) }
        #expect(paces.first!.interval == 300)
        #expect(paces.allSatisfy { $0.interval == 300 })
        #expect(abs(paces.last!.itemsPerDay! - 1440) < 1)
    }

    @Test("a source publishing nothing drifts up by half at each fetch until the maximum, never beyond")
    func silentSourceDriftsToTheMaximum() {
        let paces = run(from: 3600, fetches: 12) { _ in 0 }
        #expect(paces.prefix(3).map(\.interval) == [5400, 8100, 12_150])
        #expect(paces.map(\.interval) == paces.map(\.interval).sorted())
        #expect(paces.last!.interval == 86_400)
        #expect(paces.last!.itemsPerDay == 0)
    }

    @Test("a source publishing twelve items a day settles where a fetch finds about one and a half")
    func steadyPublisherSettlesOnItsRate() {
        let paces = run(from: 300, fetches: 40) { interval in Int((interval / 7200).rounded()) }
        let settled = paces.suffix(10).map(\.interval)
        #expect(settled.allSatisfy { (7200...21_600).contains($0) })
    }

    @Test(
        "the interval stays within the bounds, whatever the rate and the configured start",
        arguments: [(1.0, 0), (60, 0), (1_000_000, 5000), (.infinity, 1), (3600, 1_000_000)] as [(TimeInterval, Int)])
    func boundsAreRespected(start: TimeInterval, newItems: Int) {
        var pace = adaptive.initial(start)
        #expect((300...86_400).contains(pace.interval))
        for elapsed in [1.0, 60, 86_400, 10_000_000] {
            pace = adaptive.next(after: pace, newItems: newItems, elapsed: elapsed)
            #expect((300...86_400).contains(pace.interval))
        }
    }

    @Test("a source's own bounds replace the global ones, and equal bounds hold it at a fixed interval")
    func sourceBoundsOverride() {
        let fixed = adaptive.overriding(minimum: 3600, maximum: 3600)
        var pace = fixed.initial(600)
        for newItems in [0, 100, 0, 5] {
            pace = fixed.next(after: pace, newItems: newItems, elapsed: 3600)
            #expect(pace.interval == 3600)
        }
        let slower = adaptive.overriding(minimum: nil, maximum: 7 * 86_400)
        #expect(slower.minimum == 300 && slower.maximum == 7 * 86_400)
        #expect(slower.clamped(30 * 86_400) == 7 * 86_400)
    }

    @Test("the first fetch counts no rate: its items are the feed's backlog")
    func firstFetchLeavesThePace() {
        let pace = adaptive.next(after: adaptive.initial(3600), newItems: 50, elapsed: nil)
        #expect(pace == PublishingPace(interval: 3600))
    }

    @Test(
        "a server's cache lifetime is a lower bound, capped by the maximum",
        arguments: [(nil, 300.0), (60, 300), (7200, 7200), (10_000_000, 86_400)] as [(TimeInterval?, TimeInterval)])
    func cacheLifetimeIsALowerBound(lifetime: TimeInterval?, expected: TimeInterval) {
        let busy = PublishingPace(interval: 300, itemsPerDay: 2000)
        let pace = adaptive.next(after: busy, newItems: 10, elapsed: 300, cacheLifetime: lifetime)
        #expect(pace.interval == expected)
    }
}
