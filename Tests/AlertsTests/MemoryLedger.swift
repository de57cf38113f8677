import Alerts
import Synchronization
import Foundation
import Model

/// Alerts in memory, with the states and rules the store keeps (no leases: one dispatcher).
actor MemoryLedger: AlertLedger {
    private(set) var alerts: [Int64: (alert: Alert, state: AlertState, due: Date)] = [:]
    private(set) var attempts: [AlertAttempt] = []

    init(_ raised: [Alert]) {
        for alert in raised { alerts[alert.id] = (alert, .pending, alert.createdAt) }
    }

    func state(of id: Int64) -> AlertState? { alerts[id]?.state }

    func claim(_ state: AlertState, now: Date, until: Date, limit: Int) async throws -> [Alert] {
        Array(alerts.values.filter { $0.state == state && $0.due <= now }.sorted { $0.alert.id < $1.alert.id }.prefix(limit).map(\.alert))
    }

    func markWritten(_ alert: Alert, commandOwed: Bool, now: Date) async throws {
        alerts[alert.id]?.state = commandOwed ? .written : .delivered
        alerts[alert.id]?.due = now
    }

    func recordAttempt(_ alert: Alert, _ attempt: AlertAttempt, now: Date) async throws {
        attempts.append(attempt)
        alerts[alert.id]?.alert.attempts += 1
        switch attempt {
        case .delivered: alerts[alert.id]?.state = .delivered
        case .retry(let at):
            alerts[alert.id]?.due = at
        case .abandoned: alerts[alert.id]?.state = .abandoned
        }
    }

    func nextDue(_ state: AlertState) async throws -> Date? {
        alerts.values.filter { $0.state == state }.map(\.due).min()
    }
}

/// A clock the test moves.
final class TestClock: Sendable {
    private let now = Mutex(t0)
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
