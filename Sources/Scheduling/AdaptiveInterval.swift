import Foundation

/// How a source's interval follows its publishing rate: sources that publish often are fetched often,
/// silent ones drift towards the longest interval, always between ``minimum`` and ``maximum``.
///
/// A pure value: the crawler feeds it the outcome of each successful fetch and stores the answer.
public struct AdaptiveInterval: Sendable, Equatable {
    /// Shortest interval any source is fetched at (`fetch.min_interval`).
    public var minimum: TimeInterval
    /// Longest interval any source is fetched at (`fetch.max_interval`); a server's cache lifetime
    /// cannot push a source past it.
    public var maximum: TimeInterval
    /// New items one fetch should find on average: the interval aims at this many.
    public var itemsPerFetch: Double
    /// Weight of the latest fetch in the smoothed rate (0–1): low enough that one burst does not
    /// swing the interval, high enough that a change of pace shows within a few fetches.
    public var smoothing: Double
    /// Factor the interval grows by after a fetch that brought nothing new, so a silent source slows
    /// down gradually rather than at once.
    public var growth: Double

    public init(
        minimum: TimeInterval = 300, maximum: TimeInterval = 86_400, itemsPerFetch: Double = 1.5, smoothing: Double = 0.3,
        growth: Double = 1.5
    ) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
        self.itemsPerFetch = itemsPerFetch
        self.smoothing = smoothing
        self.growth = growth
    }

    /// These bounds with a source's own in place of either (nil keeps the one here).
    public func overriding(minimum: TimeInterval?, maximum: TimeInterval?) -> AdaptiveInterval {
        AdaptiveInterval(
            minimum: minimum ?? self.minimum, maximum: maximum ?? self.maximum, itemsPerFetch: itemsPerFetch,
            smoothing: smoothing, growth: growth)
    }

    /// The pace a source starts at: its configured interval, within bounds.
    public func initial(_ configured: TimeInterval) -> PublishingPace {
        PublishingPace(interval: clamped(configured))
    }

    /// The pace after one successful fetch (a 304 is one that brought nothing new).
    /// - Parameters:
    ///   - previous: the pace before this fetch.
    ///   - newItems: items this fetch stored that were not stored before.
    ///   - elapsed: seconds since the previous successful fetch; nil for the first one, whose items are a
    ///     backlog rather than a rate, so it leaves the pace as it was.
    ///   - cacheLifetime: how long the server said the response stays fresh: the interval is at least this
    ///     long, up to ``maximum``.
    public func next(
        after previous: PublishingPace, newItems: Int, elapsed: TimeInterval?, cacheLifetime: TimeInterval? = nil
    ) -> PublishingPace {
        var pace = PublishingPace(interval: clamped(previous.interval), itemsPerDay: previous.itemsPerDay)
        if let elapsed, elapsed > 0 {
            let observed = Double(max(newItems, 0)) * 86_400 / elapsed
            let weight = min(max(smoothing, 0), 1)
            pace.itemsPerDay = previous.itemsPerDay.map { weight * observed + (1 - weight) * $0 } ?? observed
            if newItems > 0, let rate = pace.itemsPerDay, rate > 0 {
                pace.interval = clamped(itemsPerFetch * 86_400 / rate)
            } else {
                pace.interval = clamped(pace.interval * max(growth, 1))
            }
        }
        if let cacheLifetime, cacheLifetime > pace.interval {
            pace.interval = min(cacheLifetime, maximum)
        }
        return pace
    }

    /// `interval` within ``minimum`` and ``maximum``: a stored interval is read through it, so bounds changed
    /// in the configuration apply from the next fetch.
    public func clamped(_ interval: TimeInterval) -> TimeInterval {
        guard interval.isFinite else { return maximum }
        return min(max(interval, minimum), maximum)
    }
}
