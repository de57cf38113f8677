import Alerts
import Configuration
import Foundation
import Model
import Storage

/// The alert stage's ledger over the daemon's store, claiming as the process `owner`.
struct StoreAlertLedger: AlertLedger {
    let store: any Store
    let owner: String

    func claim(_ state: AlertState, now: Date, until: Date, limit: Int) async throws -> [Alert] {
        try await store.claimAlerts(state, owner: owner, now: now, until: until, limit: limit)
    }

    func markWritten(_ alert: Alert, commandOwed: Bool, now: Date) async throws {
        try await store.markAlertWritten(id: alert.id, commandOwed: commandOwed, now: now)
    }

    func recordAttempt(_ alert: Alert, _ attempt: AlertAttempt, now: Date) async throws {
        try await store.recordAlertAttempt(id: alert.id, attempt, now: now)
    }

    func nextDue(_ state: AlertState) async throws -> Date? {
        try await store.nextAlertDue(state)
    }
}

extension AlertCommand {
    /// The command `alerts` of `veilleur.yaml` sets.
    init(_ settings: AlertCommandSettings) {
        self.init(arguments: settings.arguments, timeout: .milliseconds(Int64((settings.timeout * 1000).rounded())))
    }
}
