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
                          SELECT 1 FROM matches m
                          LEFT JOIN digests d ON d.id = m.digest_id LEFT JOIN digests w ON w.id = m.weekly_digest_id
                          WHERE m.item_id = i.id AND (m.matched_at >= ?1 OR d.pending = 1 OR w.pending = 1))
                    ORDER BY i.first_seen_at LIMIT ?2
                    """,
                    before: contentBefore, limit: limit, operation: operation)
                if !stale.isEmpty {
                    let list = JSONColumn.ids(stale)
                    summary.unassignedMatchesDeleted = try count(
                        db, "SELECT count(*) FROM matches WHERE digest_id IS NULL AND weekly_digest_id IS NULL AND item_id IN (SELECT value FROM json_each(?1))",
                        list, operation: operation)
                    summary.matchesDeleted = try change(
                        db, "DELETE FROM matches WHERE item_id IN (SELECT value FROM json_each(?1))", list, operation: operation)
                    summary.itemsPruned = try keepIdentityOnly(db, list, prunedAt: now, operation: operation)
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

    /// Replaces the rows of the items in `list` by rows that hold only their identity keys; returns how many.
    ///
    /// Deleted and inserted again under the same ids rather than updated: SQLite rebalances a table's pages
    /// when rows are deleted, not when they shrink, so items whose text is set to null would keep their pages
    /// as full as before, while the rows inserted again fill the pages the deletion merged. Foreign keys to
    /// these items (later copies of their stories) are checked at commit, when the rows are back.
    private func keepIdentityOnly(_ db: Connection, _ list: String, prunedAt: Date, operation: String) throws(StorageError) -> Int {
        try db.execute("PRAGMA defer_foreign_keys = ON", operation: operation)
        return try db.withStatement(
            """
            DELETE FROM items WHERE id IN (SELECT value FROM json_each(?1))
            RETURNING id, source, guid, guid_key, canonical_link, link, title, published, updated, first_seen_at, duplicate_of
            """,
            operation: operation
        ) { delete throws(StorageError) -> Int in
            try delete.bind(1, list)
            var rows: [(Int64, String?, String?, String?, String?, String?, String?, Date?, Date?, Date?, Int64?)] = []
            while try delete.step() {
                rows.append((
                    delete.int64(0), delete.string(1), delete.string(2), delete.string(3), delete.string(4), delete.string(5),
                    delete.string(6), delete.date(7), delete.date(8), delete.date(9), delete.isNull(10) ? nil : delete.int64(10)
                ))
            }
            try db.withStatement(
                """
                INSERT INTO items (id, source, guid, guid_key, canonical_link, link, title, published, updated, first_seen_at,
                                   duplicate_of, pruned_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                """,
                operation: operation
            ) { insert throws(StorageError) in
                for row in rows {
                    try insert.bind(1, row.0)
                    try insert.bind(2, row.1)
                    try insert.bind(3, row.2)
                    try insert.bind(4, row.3)
                    try insert.bind(5, row.4)
                    try insert.bind(6, row.5)
                    try insert.bind(7, row.6)
                    try insert.bind(8, row.7)
                    try insert.bind(9, row.8)
                    try insert.bind(10, row.9)
                    try insert.bind(11, row.10)
                    try insert.bind(12, prunedAt)
                    try insert.run()
                }
            }
            return rows.count
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
