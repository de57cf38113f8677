import Foundation
import Model

/// Immediate alerts: raised with the matches that reach their profile's `alert_score`, then handed out
/// to write their file and run their command (see the alert methods of ``Store``). A claim skips the rows
/// another daemon is claiming, as source claims do.
extension PostgresStore {
    /// Raises one pending alert per (item, profile) of `alerting` inside the caller's transaction, unless the
    /// profile already has one on the item or on its story; returns how many were raised.
    func raiseAlerts(_ db: PostgresSession, _ alerting: [(itemID: Int64, profile: String)], at now: Date) async throws(StorageError) -> Int {
        guard !alerting.isEmpty else { return 0 }
        return try await db.rows(
            """
            INSERT INTO alerts (profile, item_id, story_id, next_attempt_at, created_at)
            SELECT offered.profile, i.id, coalesce(i.duplicate_of, i.id), $3, $3
            FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS offered (item_id, profile, position)
            JOIN items i ON i.id = offered.item_id
            ORDER BY offered.position
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            .ints(alerting.map(\.itemID)), .texts(alerting.map(\.profile)), .date(now)
        ).count
    }

    public func claimAlerts(_ state: AlertState, owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [Alert] {
        guard limit > 0 else { return [] }
        return try await withTransaction("claim \(state.rawValue) alerts") { db throws(StorageError) -> [Alert] in
            let claimed = try await db.rows(
                """
                UPDATE alerts SET lease_owner = $2, lease_until = $4
                WHERE id IN (
                    SELECT id FROM alerts
                    WHERE state = $1 AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3 OR lease_owner = $2)
                    ORDER BY next_attempt_at, id LIMIT $5
                    FOR UPDATE SKIP LOCKED)
                RETURNING id
                """,
                .text(state.rawValue), .text(owner), .date(now), .date(until), .int(Int64(limit)))
            guard !claimed.isEmpty else { return [] }
            var ids: [Int64] = []
            for row in claimed { ids.append(try row.int64(0)) }
            var alerts: [Alert] = []
            for row in try await db.rows(
                """
                SELECT a.id, a.profile, a.item_id, i.source, m.score, m.topics, m.terms, a.created_at, a.attempts, \(Self.itemColumns)
                FROM alerts a JOIN items i ON i.id = a.item_id JOIN matches m ON m.item_id = a.item_id AND m.profile = a.profile
                WHERE a.id = ANY($1::bigint[])
                ORDER BY a.next_attempt_at, a.id
                """,
                .ints(ids))
            {
                alerts.append(
                    Alert(
                        id: try row.int64(0), profile: try row.string(1) ?? "", itemID: try row.int64(2), source: try row.string(3) ?? "",
                        item: try readItem(row, from: 9), score: try row.optionalDouble(4) ?? .nan,
                        topics: try JSONColumn.decode(try row.string(5), column: "matches.topics", database: location.description),
                        terms: try JSONColumn.decode(try row.string(6), column: "matches.terms", database: location.description),
                        createdAt: try row.date(7) ?? Date(timeIntervalSince1970: 0), attempts: Int(try row.int64(8))))
            }
            return alerts
        }
    }

    public func markAlertWritten(id: Int64, commandOwed: Bool, now: Date) async throws(StorageError) {
        let state: AlertState = commandOwed ? .written : .delivered
        let operation = "mark alert \(id) written"
        let updated = try await withSession(operation) { db throws(StorageError) in
            try await db.rows(
                """
                UPDATE alerts SET state = $2, next_attempt_at = $3, lease_owner = NULL, lease_until = NULL
                WHERE id = $1 AND state = 'pending' RETURNING 1
                """,
                .int(id), .text(state.rawValue), .date(now)
            ).count
        }
        try requireOneAlert(updated, id: id, operation: operation)
    }

    public func recordAlertAttempt(id: Int64, _ attempt: AlertAttempt, now: Date) async throws(StorageError) {
        let (state, next): (AlertState, Date) = switch attempt {
        case .delivered: (.delivered, now)
        case .retry(let at): (.written, at)
        case .abandoned: (.abandoned, now)
        }
        let operation = "record an attempt of alert \(id)"
        let updated = try await withSession(operation) { db throws(StorageError) in
            try await db.rows(
                """
                UPDATE alerts SET state = $2, next_attempt_at = $3, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE id = $1 AND state = 'written' RETURNING 1
                """,
                .int(id), .text(state.rawValue), .date(next)
            ).count
        }
        try requireOneAlert(updated, id: id, operation: operation)
    }

    private func requireOneAlert(_ updated: Int, id: Int64, operation: String) throws(StorageError) {
        guard updated == 1 else {
            throw StorageError.postgres(
                operation, kind: .other, message: "no alert \(id) in the state this step follows", database: location.description)
        }
    }

    public func nextAlertDue(_ state: AlertState) async throws(StorageError) -> Date? {
        try await withSession("read next alert due") { db throws(StorageError) in
            try await db.row("SELECT min(next_attempt_at) FROM alerts WHERE state = $1", .text(state.rawValue))?.date(0)
        }
    }

    public func alertTally(since: Date) async throws(StorageError) -> AlertTally {
        try await withSession("count alerts") { db throws(StorageError) in
            guard let row = try await db.row(AlertTally.query(placeholder: "$1"), .date(since)) else { return AlertTally() }
            return AlertTally(
                raised: Int(try row.int64(0)), awaitingFile: Int(try row.int64(1)), awaitingCommand: Int(try row.int64(2)),
                retrying: Int(try row.int64(3)), abandoned: Int(try row.int64(4)))
        }
    }
}
