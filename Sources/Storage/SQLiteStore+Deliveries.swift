import Foundation

/// E-mail deliveries on SQLite: each step is one statement or one transaction, so that a delivery is
/// claimed by one process only and its outcome recorded once.
extension SQLiteStore {
    static let deliveryColumns = """
        d.id, g.profile, g.period, d.recipient, d.state, d.attempts, d.next_attempt_at, d.claimed_at, d.sent_at, d.last_error, g.paths
        """

    public func queueDeliveries(profile: String, period: String, recipients: [String], now: Date) async throws(StorageError) {
        guard !recipients.isEmpty else { return }
        let operation = "queue the e-mails of digest \(profile) \(period)"
        try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) in
                let digestID = try db.withStatement("SELECT id FROM digests WHERE profile = ?1 AND period = ?2", operation: operation) {
                    select throws(StorageError) -> Int64? in
                    try select.bind(1, profile)
                    try select.bind(2, period)
                    return try select.step() ? select.int64(0) : nil
                }
                guard let digestID else {
                    throw StorageError(operation: operation, message: "no digest \(profile) \(period) was committed", database: path)
                }
                try db.withStatement(
                    """
                    INSERT INTO deliveries (digest_id, recipient, next_attempt_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (digest_id, recipient) DO NOTHING
                    """,
                    operation: operation
                ) { insert throws(StorageError) in
                    for recipient in recipients {
                        try insert.bind(1, digestID)
                        try insert.bind(2, recipient)
                        try insert.bind(3, now)
                        try insert.run()
                    }
                }
            }
        }
    }

    public func claimDueDeliveries(now: Date, limit: Int) async throws(StorageError) -> [Delivery] {
        guard limit > 0 else { return [] }
        let operation = "claim due e-mails"
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> [Delivery] in
                let ids = try db.withStatement(
                    """
                    UPDATE deliveries SET state = 'sending', attempts = attempts + 1, claimed_at = ?1
                    WHERE id IN (
                        SELECT d.id FROM deliveries d JOIN digests g ON g.id = d.digest_id
                        WHERE d.state = 'queued' AND d.next_attempt_at <= ?1 AND g.pending = 0
                        ORDER BY d.next_attempt_at, d.id LIMIT ?2)
                    RETURNING id
                    """,
                    operation: operation
                ) { update throws(StorageError) -> [Int64] in
                    try update.bind(1, now)
                    try update.bind(2, limit)
                    var ids: [Int64] = []
                    while try update.step() { ids.append(update.int64(0)) }
                    return ids
                }
                guard !ids.isEmpty else { return [] }
                return try readDeliveries(
                    db, where: "d.id IN (SELECT value FROM json_each(?1))", order: "d.next_attempt_at, d.id", operation: operation
                ) { select throws(StorageError) in try select.bind(1, JSONColumn.ids(ids)) }
            }
        }
    }

    public func finishDelivery(id: Int64, outcome: DeliveryOutcome, now: Date) async throws(StorageError) {
        let operation = "record the outcome of e-mail \(id)"
        let (state, error, retryAt): (DeliveryState, String?, Date?) = switch outcome {
        case .sent: (.sent, nil, nil)
        case .retry(let error, let at): (.queued, error, at)
        case .failed(let error): (.failed, error, nil)
        }
        try locked { db throws(StorageError) in
            try db.withStatement(
                """
                UPDATE deliveries SET state = ?2, last_error = coalesce(?3, last_error),
                    next_attempt_at = coalesce(?4, next_attempt_at), sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END
                WHERE id = ?1 AND state = 'sending'
                """,
                operation: operation
            ) { update throws(StorageError) in
                try update.bind(1, id)
                try update.bind(2, state.rawValue)
                try update.bind(3, error)
                try update.bind(4, retryAt)
                try update.bind(5, now)
                try update.run()
            }
        }
    }

    public func abandonInterruptedDeliveries(claimedBefore: Date, now: Date) async throws(StorageError) -> [Delivery] {
        let operation = "give up e-mails interrupted while sending"
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> [Delivery] in
                let ids = try db.withStatement(
                    """
                    UPDATE deliveries SET state = 'failed',
                        last_error = 'interrupted while sending (the process stopped before the server answered); not sent again, to send at most once'
                    WHERE state = 'sending' AND claimed_at < ?1
                    RETURNING id
                    """,
                    operation: operation
                ) { update throws(StorageError) -> [Int64] in
                    try update.bind(1, claimedBefore)
                    var ids: [Int64] = []
                    while try update.step() { ids.append(update.int64(0)) }
                    return ids
                }
                guard !ids.isEmpty else { return [] }
                return try readDeliveries(
                    db, where: "d.id IN (SELECT value FROM json_each(?1))", order: "d.id", operation: operation
                ) { select throws(StorageError) in try select.bind(1, JSONColumn.ids(ids)) }
            }
        }
    }

    public func nextDeliveryDue() async throws(StorageError) -> Date? {
        try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT min(d.next_attempt_at) FROM deliveries d JOIN digests g ON g.id = d.digest_id
                WHERE d.state = 'queued' AND g.pending = 0
                """,
                operation: "read the next e-mail due"
            ) { select throws(StorageError) -> Date? in
                try select.step() ? select.date(0) : nil
            }
        }
    }

    public func deliveries(period: String?) async throws(StorageError) -> [Delivery] {
        try locked { db throws(StorageError) in
            try readDeliveries(
                db, where: "?1 IS NULL OR g.period = ?1", order: "g.period, g.profile, d.recipient", operation: "read e-mails"
            ) { select throws(StorageError) in try select.bind(1, period) }
        }
    }

    private func readDeliveries(
        _ db: Connection, where condition: String, order: String, operation: String, bind: (Statement) throws(StorageError) -> Void
    ) throws(StorageError) -> [Delivery] {
        try db.withStatement(
            "SELECT \(Self.deliveryColumns) FROM deliveries d JOIN digests g ON g.id = d.digest_id WHERE \(condition) ORDER BY \(order)",
            operation: operation
        ) { select throws(StorageError) -> [Delivery] in
            try bind(select)
            var deliveries: [Delivery] = []
            while try select.step() {
                guard let state = select.string(4).flatMap(DeliveryState.init(rawValue:)) else {
                    throw StorageError(
                        operation: operation, kind: .corrupt, message: "e-mail \(select.int64(0)) has the unknown state \(select.string(4) ?? "null")",
                        database: path)
                }
                deliveries.append(
                    Delivery(
                        id: select.int64(0), profile: select.string(1) ?? "", period: select.string(2) ?? "", recipient: select.string(3) ?? "",
                        state: state, attempts: Int(select.int64(5)), nextAttemptAt: select.date(6) ?? .distantPast, claimedAt: select.date(7),
                        sentAt: select.date(8), lastError: select.string(9),
                        paths: try JSONColumn.decode(select.string(10), column: "digests.paths", database: path)))
            }
            return deliveries
        }
    }
}
