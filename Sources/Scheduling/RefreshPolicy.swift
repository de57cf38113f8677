import Foundation

/// How often a source is fetched, and how the pace slows down when it keeps failing.
///
/// A pure value: the daemon feeds it outcomes and a random number, it answers with the next due time,
/// so the policy is testable without a clock.
public struct RefreshPolicy: Sendable, Equatable {
    /// Shortest interval any source may ask for.
    public var minimumInterval: TimeInterval
    /// Longest wait after repeated failures: a failing source keeps being retried at this pace.
    public var maximumBackoff: TimeInterval
    /// Fraction of the interval added at random so that sources declared together do not fire together.
    public var jitter: Double

    public init(minimumInterval: TimeInterval = 60, maximumBackoff: TimeInterval = 86_400, jitter: Double = 0.1) {
        self.minimumInterval = minimumInterval
        self.maximumBackoff = maximumBackoff
        self.jitter = jitter
    }

    /// The next time a source is due.
    /// - Parameters:
    ///   - now: when the fetch ended.
    ///   - interval: the source's configured interval.
    ///   - consecutiveFailures: failures in a row including this fetch (0 after a success or a 304).
    ///   - retryAfter: a delay the server asked for (429/503 `Retry-After`), honoured within the backoff cap.
    ///   - random: a number in 0..<1 that picks the jitter.
    public func nextDue(
        now: Date, interval: TimeInterval, consecutiveFailures: Int, retryAfter: TimeInterval? = nil, random: Double
    ) -> Date {
        let base = max(interval, minimumInterval)
        var wait = base
        if consecutiveFailures > 0 {
            // Doubling per failure; the exponent is clamped so the multiplication cannot overflow.
            let factor = pow(2.0, Double(min(consecutiveFailures, 30)))
            wait = min(max(base, maximumBackoff), base * factor)
        }
        if let retryAfter {
            wait = min(max(wait, retryAfter), max(maximumBackoff, base))
        }
        let spread = wait * jitter * min(max(random, 0), 1)
        return now.addingTimeInterval(wait + spread)
    }
}
