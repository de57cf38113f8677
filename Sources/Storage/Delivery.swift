import Foundation

/// One digest's e-mail to one recipient, as the `deliveries` table records it.
///
/// A delivery goes `queued` → `sending` (claimed by the process about to talk to the server) → `sent`; a
/// failed attempt goes back to `queued` for a later time, or to `failed` once retries are spent. One left
/// `sending` by a process that died is never sent again: see ``Store/abandonInterruptedDeliveries(claimedBefore:now:)``.
public struct Delivery: Sendable, Equatable {
    /// Row id.
    public var id: Int64
    /// The digest's profile.
    public var profile: String
    /// The digest's period.
    public var period: String
    /// The recipient as the profile writes it.
    public var recipient: String
    /// Where the delivery stands.
    public var state: DeliveryState
    /// Attempts begun so far.
    public var attempts: Int
    /// When the delivery is (or was) due.
    public var nextAttemptAt: Date
    /// When the attempt in progress, or the last one, began.
    public var claimedAt: Date?
    /// When the server accepted the message.
    public var sentAt: Date?
    /// Why the last attempt failed.
    public var lastError: String?
    /// The digest's files, as recorded when they were written.
    public var paths: [String]

    public init(
        id: Int64, profile: String, period: String, recipient: String, state: DeliveryState, attempts: Int, nextAttemptAt: Date,
        claimedAt: Date? = nil, sentAt: Date? = nil, lastError: String? = nil, paths: [String] = []
    ) {
        self.id = id
        self.profile = profile
        self.period = period
        self.recipient = recipient
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.claimedAt = claimedAt
        self.sentAt = sentAt
        self.lastError = lastError
        self.paths = paths
    }
}

/// Where a delivery stands.
public enum DeliveryState: String, Sendable, Equatable, CaseIterable {
    /// Waiting for its next attempt.
    case queued
    /// Claimed by a process that is sending it (or died doing so).
    case sending
    /// Accepted by the server.
    case sent
    /// Given up: retries spent, or interrupted mid-send.
    case failed
}

/// How a claimed attempt ended.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The server accepted the message.
    case sent
    /// It failed with `error`; try again at `retryAt`.
    case retry(error: String, at: Date)
    /// It failed with `error`, for good.
    case failed(error: String)
}
