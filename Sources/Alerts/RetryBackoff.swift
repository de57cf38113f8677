import Model
import Foundation

/// When a failed alert command runs again: 30 s after the first failure, doubling up to an hour between
/// runs, and given up after ``attempts`` runs (about three hours after the first with the defaults).
public struct RetryBackoff: Sendable, Equatable {
    /// The delay after the first failure.
    public var first: TimeInterval
    /// The longest delay.
    public var longest: TimeInterval
    /// Runs in all, the first included.
    public var attempts: Int

    public init(first: TimeInterval = 30, longest: TimeInterval = 3600, attempts: Int = 10) {
        self.first = first
        self.longest = longest
        self.attempts = attempts
    }

    /// What follows the `failures`-th failed run (1 for the first) ending at `now`.
    public func next(afterFailures failures: Int, now: Date) -> AlertAttempt {
        guard failures < attempts else { return .abandoned }
        let doublings = Double(min(max(failures - 1, 0), 30))
        return .retry(at: now.addingTimeInterval(min(first * pow(2, doublings), longest)))
    }
}
