import Foundation

/// Retention on SQLite: one batch per call, in one transaction (see ``Store/prune(contentBefore:identityBefore:now:batch:)``).
///
/// Deleted rows free their pages into the file's free list, which later inserts reuse: the file stops
/// growing once a steady feed prunes as much as it adds, without `VACUUM` (which would rewrite the whole
/// file under an exclusive lock) and without `auto_vacuum`, which cannot be turned on for a file created
/// without it except by such a `VACUUM`.
extension SQLiteStore {
    public func prune(contentBefore: Date, identityBefore: Date, now: Date, batch: Int) async throws(StorageError) -> PruneSummary {
        let operation = "prune"
        let limit = max(1, batch)
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> PruneSummary in
                var summary = PruneSummary()
                let stale = try ids(
                    db,
                    """
                    SELECT i.id FROM items i
                    WHERE i.pruned_at IS NULL AND i.first_seen_at < ?1
                      AND NOT EXISTS (
                          SELECT 1 FROM matches m LEFT JOIN digests d ON d.id = m.digest_id
                          WHERE m.item_id = i.id AND (m.matched_at >= ?1 OR d.pending = 1))
                    ORDER BY i.first_seen_at LIMIT ?2
                    """,
                    before: contentBefore, limit: limit, operation: operation)
                if !stale.isEmpty {
                    let list = JSONColumn.ids(stale)
                    summary.unassignedMatchesDeleted = try count(
                        db, "SELECT count(*) FROM matches WHERE digest_id IS NULL AND item_id IN (SELECT value FROM json_each(?1))",
                        list, operation: operation)
                    summary.matchesDeleted = try change(
                        db, "DELETE FROM matches WHERE item_id IN (SELECT value FROM json_each(?1))", list, operation: operation)
                    _ = try change(
                        db, "DELETE FROM item_fingerprints WHERE item_id IN (SELECT value FROM json_each(?1))", list, operation: operation)
                    summary.itemsPruned = try db.withStatement(
                        """
                        UPDATE items SET author = NULL, summary_text = NULL, content_text = NULL, categories = '[]',
                            enclosures = NULL, pruned_at = ?2
                        WHERE id IN (SELECT value FROM json_each(?1))
                        """,
                        operation: operation
                    ) { update throws(StorageError) -> Int in
                        try update.bind(1, list)
                        try update.bind(2, now)
                        try update.run()
                        return db.changes
                    }
                }
                summary.digestsDeleted = try db.withStatement(
                    // A daily period ('YYYY-MM-DD') and a weekly one ('YYYY-Www') differ in length: the latest of
                    // each kind stays, so that a daemon stopped long still knows which periods it owes.
                    """
                    DELETE FROM digests WHERE id IN (
                        SELECT d.id FROM digests d
                        WHERE d.pending = 0 AND d.written_at < ?1
                          AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.digest_id = d.id)
                          AND EXISTS (
                              SELECT 1 FROM digests n
                              WHERE n.profile = d.profile AND length(n.period) = length(d.period) AND n.period > d.period)
                        ORDER BY d.id LIMIT ?2)
                    """,
                    operation: operation
                ) { delete throws(StorageError) -> Int in
                    try delete.bind(1, contentBefore)
                    try delete.bind(2, limit)
                    try delete.run()
                    return db.changes
                }
                let forgotten = try ids(
                    db, "SELECT id FROM items WHERE pruned_at IS NOT NULL AND first_seen_at < ?1 ORDER BY first_seen_at LIMIT ?2",
                    before: identityBefore, limit: limit, operation: operation)
                if !forgotten.isEmpty {
                    let list = JSONColumn.ids(forgotten)
                    // Later copies of a forgotten story stay, as stories of their own.
                    _ = try change(
                        db, "UPDATE items SET duplicate_of = NULL WHERE duplicate_of IN (SELECT value FROM json_each(?1))", list,
                        operation: operation)
                    summary.itemsForgotten = try change(
                        db, "DELETE FROM items WHERE id IN (SELECT value FROM json_each(?1))", list, operation: operation)
                }
                summary.more = summary.itemsPruned == limit || summary.digestsDeleted == limit || summary.itemsForgotten == limit
                return summary
            }
        }
    }

    private func ids(_ db: Connection, _ sql: String, before: Date, limit: Int, operation: String) throws(StorageError) -> [Int64] {
        try db.withStatement(sql, operation: operation) { select throws(StorageError) -> [Int64] in
            try select.bind(1, before)
            try select.bind(2, limit)
            var ids: [Int64] = []
            while try select.step() { ids.append(select.int64(0)) }
            return ids
        }
    }

    private func count(_ db: Connection, _ sql: String, _ list: String, operation: String) throws(StorageError) -> Int {
        try db.withStatement(sql, operation: operation) { select throws(StorageError) -> Int in
            try select.bind(1, list)
            return try select.step() ? Int(select.int64(0)) : 0
        }
    }

    /// Runs `sql` with `list` bound to `?1`; returns the rows it changed.
    private func change(_ db: Connection, _ sql: String, _ list: String, operation: String) throws(StorageError) -> Int {
        try db.withStatement(sql, operation: operation) { statement throws(StorageError) -> Int in
            try statement.bind(1, list)
            try statement.run()
            return db.changes
        }
    }
}
