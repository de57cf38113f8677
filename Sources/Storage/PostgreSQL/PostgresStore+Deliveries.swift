import Foundation

/// E-mail deliveries on PostgreSQL: a claim takes the due rows with `FOR UPDATE SKIP LOCKED`, so that two
/// daemons sending at once each take other deliveries rather than the same ones.
extension PostgresStore {
    static let deliveryColumns = """
        d.id, g.profile, g.period, d.recipient, d.state, d.attempts, d.next_attempt_at, d.claimed_at, d.sent_at, d.last_error, g.paths
        """

    public func queueDeliveries(profile: String, period: String, recipients: [String], now: Date) async throws(StorageError) {
        guard !recipients.isEmpty else { return }
        let operation = "queue the e-mails of digest \(profile) \(period)"
        try await withTransaction(operation) { db throws(StorageError) in
            guard let digest = try await db.row("SELECT id FROM digests WHERE profile = $1 AND period = $2", .text(profile), .text(period))
            else {
                throw StorageError.postgres(operation, kind: .other, message: "no digest \(profile) \(period) was committed", database: location.description)
            }
            try await db.rows(
                """
                INSERT INTO deliveries (digest_id, recipient, next_attempt_at) SELECT $1, r, $3 FROM unnest($2::text[]) AS r
                ON CONFLICT (digest_id, recipient) DO NOTHING
                """,
                .int(try digest.int64(0)), .texts(recipients), .date(now))
        }
    }

    public func claimDueDeliveries(now: Date, limit: Int) async throws(StorageError) -> [Delivery] {
        guard limit > 0 else { return [] }
        return try await withTransaction("claim due e-mails") { db throws(StorageError) -> [Delivery] in
            let ids = try await db.rows(
                """
                UPDATE deliveries SET state = 'sending', attempts = attempts + 1, claimed_at = $1
                WHERE id IN (
                    SELECT d.id FROM deliveries d JOIN digests g ON g.id = d.digest_id
                    WHERE d.state = 'queued' AND d.next_attempt_at <= $1 AND NOT g.pending
                    ORDER BY d.next_attempt_at, d.id LIMIT $2
                    FOR UPDATE OF d SKIP LOCKED)
                RETURNING id
                """,
                .date(now), .int(Int64(limit))
            ).map { row throws(StorageError) in try row.int64(0) }
            guard !ids.isEmpty else { return [] }
            return try await readDeliveries(db, where: "d.id = ANY($1::bigint[])", order: "d.next_attempt_at, d.id", .ints(ids))
        }
    }

    public func finishDelivery(id: Int64, outcome: DeliveryOutcome, now: Date) async throws(StorageError) {
        let (state, error, retryAt): (DeliveryState, String?, Date?) = switch outcome {
        case .sent: (.sent, nil, nil)
        case .retry(let error, let at): (.queued, error, at)
        case .failed(let error): (.failed, error, nil)
        }
        _ = try await withSession("record the outcome of e-mail \(id)") { db throws(StorageError) in
            try await db.rows(
                """
                UPDATE deliveries SET state = $2, last_error = coalesce($3, last_error),
                    next_attempt_at = coalesce($4, next_attempt_at), sent_at = CASE WHEN $2 = 'sent' THEN $5 ELSE sent_at END
                WHERE id = $1 AND state = 'sending'
                """,
                .int(id), .text(state.rawValue), .text(error), .date(retryAt), .date(now))
        }
    }

    public func abandonInterruptedDeliveries(claimedBefore: Date, now: Date) async throws(StorageError) -> [Delivery] {
        try await withTransaction("give up e-mails interrupted while sending") { db throws(StorageError) -> [Delivery] in
            let ids = try await db.rows(
                """
                UPDATE deliveries SET state = 'failed',
                    last_error = 'interrupted while sending (the process stopped before the server answered); not sent again, to send at most once'
                WHERE state = 'sending' AND claimed_at < $1
                RETURNING id
                """,
                .date(claimedBefore)
            ).map { row throws(StorageError) in try row.int64(0) }
            guard !ids.isEmpty else { return [] }
            return try await readDeliveries(db, where: "d.id = ANY($1::bigint[])", order: "d.id", .ints(ids))
        }
    }

    public func nextDeliveryDue() async throws(StorageError) -> Date? {
        try await withSession("read the next e-mail due") { db throws(StorageError) -> Date? in
            try await db.row(
                """
                SELECT min(d.next_attempt_at) FROM deliveries d JOIN digests g ON g.id = d.digest_id
                WHERE d.state = 'queued' AND NOT g.pending
                """)?.date(0)
        }
    }

    public func deliveries(period: String?) async throws(StorageError) -> [Delivery] {
        try await withSession("read e-mails") { db throws(StorageError) -> [Delivery] in
            try await readDeliveries(db, where: "$1::text IS NULL OR g.period = $1", order: "g.period, g.profile, d.recipient", .text(period))
        }
    }

    private func readDeliveries(
        _ db: PostgresSession, where condition: String, order: String, _ value: PostgresValue
    ) async throws(StorageError) -> [Delivery] {
        var deliveries: [Delivery] = []
        for row in try await db.rows(
            "SELECT \(Self.deliveryColumns) FROM deliveries d JOIN digests g ON g.id = d.digest_id WHERE \(condition) ORDER BY \(order)", value)
        {
            guard let state = try row.string(4).flatMap(DeliveryState.init(rawValue:)) else {
                throw StorageError.postgres(
                    "read e-mails", kind: .corrupt, message: "e-mail \(try row.int64(0)) has an unknown state", database: location.description)
            }
            deliveries.append(
                Delivery(
                    id: try row.int64(0), profile: try row.string(1) ?? "", period: try row.string(2) ?? "", recipient: try row.string(3) ?? "",
                    state: state, attempts: Int(try row.int64(5)), nextAttemptAt: try row.date(6) ?? .distantPast, claimedAt: try row.date(7),
                    sentAt: try row.date(8), lastError: try row.string(9),
                    paths: try JSONColumn.decode(try row.string(10), column: "digests.paths", database: location.description)))
        }
        return deliveries
    }
}
