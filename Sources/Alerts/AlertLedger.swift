import Foundation
import Model

/// Where alerts are kept between their steps: the daemon's store. Each method is one step of
/// ``AlertDispatcher``; the claims lease what they hand out, so that of several daemons sharing the
/// store one takes each alert.
public protocol AlertLedger: Sendable {
    /// At most `limit` alerts whose file is owed and due at `now`, leased until `until`.
    func claim(_ state: AlertState, now: Date, until: Date, limit: Int) async throws -> [Alert]
    /// The alert's file is written; its command is owed when `commandOwed`.
    func markWritten(_ alert: Alert, commandOwed: Bool, now: Date) async throws
    /// One run of the alert's command ended as `attempt` says.
    func recordAttempt(_ alert: Alert, _ attempt: AlertAttempt, now: Date) async throws
    /// When the earliest alert in `state` is due.
    func nextDue(_ state: AlertState) async throws -> Date?
}
