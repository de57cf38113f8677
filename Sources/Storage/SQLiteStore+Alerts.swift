import Foundation
import Model

/// Immediate alerts: raised with the matches that reach their profile's `alert_score`, then handed out
/// to write their file and run their command (see the alert methods of ``Store``).
extension SQLiteStore {
    /// Raises one pending alert per (item, profile) of `alerting` inside the caller's transaction, unless the
    /// profile already has one on the item or on its story; returns how many were raised.
    func raiseAlerts(_ db: Connection, _ alerting: [(itemID: Int64, profile: String)], at now: Date, operation: String) throws(StorageError) -> Int {
        guard !alerting.isEmpty else { return 0 }
        // The WHERE clause keeps SQLite from reading ON CONFLICT as a join constraint.
        return try db.withStatement(
            """
            INSERT INTO alerts (profile, item_id, story_id, next_attempt_at, created_at)
            SELECT ?2, id, coalesce(duplicate_of, id), ?3, ?3 FROM items WHERE id = ?1
            ON CONFLICT DO NOTHING
            """,
            operation: operation
        ) { insert throws(StorageError) -> Int in
            var raised = 0
            for (itemID, profile) in alerting {
                try insert.bind(1, itemID)
                try insert.bind(2, profile)
                try insert.bind(3, now)
                try insert.run()
                raised += db.changes
            }
            return raised
        }
    }

    public func claimAlerts(_ state: AlertState, owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [Alert] {
        let operation = "claim \(state.rawValue) alerts"
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> [Alert] in
                let ids = try db.withStatement(
                    """
                    UPDATE alerts SET lease_owner = ?2, lease_until = ?4
                    WHERE id IN (
                        SELECT id FROM alerts
                        WHERE state = ?1 AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until < ?3 OR lease_owner = ?2)
                        ORDER BY next_attempt_at, id LIMIT ?5)
                    RETURNING id
                    """,
                    operation: operation
                ) { claim throws(StorageError) -> [Int64] in
                    try claim.bind(1, state.rawValue)
                    try claim.bind(2, owner)
                    try claim.bind(3, now)
                    try claim.bind(4, until)
                    try claim.bind(5, Int64(limit))
                    var ids: [Int64] = []
                    while try claim.step() { ids.append(claim.int64(0)) }
                    return ids
                }
                guard !ids.isEmpty else { return [] }
                return try db.withStatement(
                    """
                    SELECT a.id, a.profile, a.item_id, i.source, m.score, m.topics, m.terms, a.created_at, a.attempts, \(Self.itemColumns)
                    FROM alerts a JOIN items i ON i.id = a.item_id JOIN matches m ON m.item_id = a.item_id AND m.profile = a.profile
                    WHERE a.id IN (SELECT value FROM json_each(?1))
                    ORDER BY a.next_attempt_at, a.id
                    """,
                    operation: operation
                ) { select throws(StorageError) -> [Alert] in
                    try select.bind(1, JSONColumn.ids(ids))
                    var alerts: [Alert] = []
                    while try select.step() {
                        alerts.append(
                            Alert(
                                id: select.int64(0), profile: select.string(1) ?? "", itemID: select.int64(2), source: select.string(3) ?? "",
                                item: try readItem(select, from: 9), score: select.optionalDouble(4) ?? .nan,
                                topics: try JSONColumn.decode(select.string(5), column: "matches.topics", database: path),
                                terms: try JSONColumn.decode(select.string(6), column: "matches.terms", database: path),
                                createdAt: select.date(7) ?? Date(timeIntervalSince1970: 0), attempts: Int(select.int64(8))))
                    }
                    return alerts
                }
            }
        }
    }

    public func markAlertWritten(id: Int64, commandOwed: Bool, now: Date) async throws(StorageError) {
        let state: AlertState = commandOwed ? .written : .delivered
        try updateAlert(id: id, operation: "mark alert \(id) written") { db, operation throws(StorageError) in
            try db.withStatement(
                """
                UPDATE alerts SET state = ?2, next_attempt_at = ?3, lease_owner = NULL, lease_until = NULL
                WHERE id = ?1 AND state = 'pending'
                """,
                operation: operation
            ) { update throws(StorageError) in
                try update.bind(1, id)
                try update.bind(2, state.rawValue)
                try update.bind(3, now)
                try update.run()
            }
        }
    }

    public func recordAlertAttempt(id: Int64, _ attempt: AlertAttempt, now: Date) async throws(StorageError) {
        let (state, next): (AlertState, Date) = switch attempt {
        case .delivered: (.delivered, now)
        case .retry(let at): (.written, at)
        case .abandoned: (.abandoned, now)
        }
        try updateAlert(id: id, operation: "record an attempt of alert \(id)") { db, operation throws(StorageError) in
            try db.withStatement(
                """
                UPDATE alerts SET state = ?2, next_attempt_at = ?3, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE id = ?1 AND state = 'written'
                """,
                operation: operation
            ) { update throws(StorageError) in
                try update.bind(1, id)
                try update.bind(2, state.rawValue)
                try update.bind(3, next)
                try update.run()
            }
        }
    }

    /// Runs one update of alert `id`; fails when it changed no row (no such alert, or not in the state it needs).
    private func updateAlert(
        id: Int64, operation: String, _ body: (Connection, String) throws(StorageError) -> Void
    ) throws(StorageError) {
        try locked { db throws(StorageError) in
            try body(db, operation)
            guard db.changes == 1 else {
                throw StorageError(operation: operation, message: "no alert \(id) in the state this step follows", database: path)
            }
        }
    }

    public func nextAlertDue(_ state: AlertState) async throws(StorageError) -> Date? {
        try locked { db throws(StorageError) in
            try db.withStatement("SELECT min(next_attempt_at) FROM alerts WHERE state = ?1", operation: "read next alert due") {
                select throws(StorageError) in
                try select.bind(1, state.rawValue)
                return try select.step() ? select.date(0) : nil
            }
        }
    }

    public func alertTally(since: Date) async throws(StorageError) -> AlertTally {
        try locked { db throws(StorageError) in
            try db.withStatement(AlertTally.query(placeholder: "?1"), operation: "count alerts") { select throws(StorageError) in
                try select.bind(1, since)
                guard try select.step() else { return AlertTally() }
                return AlertTally(
                    raised: Int(select.int64(0)), awaitingFile: Int(select.int64(1)), awaitingCommand: Int(select.int64(2)),
                    retrying: Int(select.int64(3)), abandoned: Int(select.int64(4)))
            }
        }
    }
}
