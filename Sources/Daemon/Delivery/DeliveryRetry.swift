import Foundation

/// When a failed e-mail is tried again: after 1 minute, then 5, 15, 1 hour, 3, 6 and 12 hours, so that a
/// server down for the night still gets the morning digest the same day; given up after 8 attempts (a
/// day), or after 3 when the server refused for good (a 5xx reply, such as an unknown recipient).
public struct DeliveryRetry: Sendable, Equatable {
    /// The wait after each failed attempt; the last one repeats.
    public var delays: [TimeInterval]
    /// Attempts before giving up.
    public var maximumAttempts: Int
    /// Attempts before giving up when the server's reply was permanent.
    public var maximumPermanentAttempts: Int

    public init(
        delays: [TimeInterval] = [60, 300, 900, 3600, 10_800, 21_600, 43_200], maximumAttempts: Int = 8, maximumPermanentAttempts: Int = 3
    ) {
        self.delays = delays
        self.maximumAttempts = maximumAttempts
        self.maximumPermanentAttempts = maximumPermanentAttempts
    }

    /// What to record after attempt number `attempts` (1 for the first) failed at `now`, for good (`permanent`) or not.
    public func outcome(afterAttempt attempts: Int, permanent: Bool, now: Date) -> DeliveryOutcomeChoice {
        let limit = permanent ? maximumPermanentAttempts : maximumAttempts
        guard attempts < limit, let last = delays.last else { return .giveUp }
        let delay = attempts - 1 < delays.count ? delays[max(0, attempts - 1)] : last
        return .retry(at: now.addingTimeInterval(delay))
    }
}

/// ``DeliveryRetry``'s answer.
public enum DeliveryOutcomeChoice: Sendable, Equatable {
    /// Try again then.
    case retry(at: Date)
    /// Record the delivery as failed.
    case giveUp
}
