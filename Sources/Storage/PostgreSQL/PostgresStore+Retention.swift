import Foundation

/// Retention on PostgreSQL: one batch per call, in one transaction (see
/// ``Store/prune(contentBefore:identityBefore:now:batch:)``). Deleted rows leave dead tuples that autovacuum
/// makes reusable, so the tables stop growing under a steady feed.
extension PostgresStore {
    /// The key of the transaction-level advisory lock a batch of retention holds alone and every recording
    /// holds shared ("prune" in ASCII): an item is never pruned between a recording's lookup of it and the
    /// matches that recording adds to it, and two daemons pruning at once take turns.
    static let pruneLock: Int64 = 0x70_7275_6E65

    public func prune(contentBefore: Date, identityBefore: Date, now: Date, batch: Int) async throws(StorageError) -> PruneSummary {
        let limit = Int64(max(1, batch))
        return try await withTransaction("prune") { db throws(StorageError) -> PruneSummary in
            // Waited for briefly: recordings that queue behind this request wait as long, and retention can
            // run again later while recordings cannot.
            try await db.rows("SET LOCAL lock_timeout = '1s'")
            try await db.rows("SELECT pg_advisory_xact_lock($1)", .int(Self.pruneLock))
            try await db.rows("SET LOCAL lock_timeout TO DEFAULT")
            var summary = PruneSummary()
            let pruned = try await db.rows(
                """
                SELECT i.id FROM items i
                WHERE i.pruned_at IS NULL AND i.first_seen_at < $1
                  AND NOT EXISTS (
                      SELECT 1 FROM matches m
                      LEFT JOIN digests d ON d.id = m.digest_id LEFT JOIN digests w ON w.id = m.weekly_digest_id
                      WHERE m.item_id = i.id AND (m.matched_at >= $1 OR d.pending OR w.pending))
                ORDER BY i.first_seen_at LIMIT $2
                """,
                .date(contentBefore), .int(limit)
            ).map { row throws(StorageError) in try row.int64(0) }
            summary.itemsPruned = pruned.count
            if !pruned.isEmpty {
                let deleted = try await db.rows(
                    "DELETE FROM matches WHERE item_id = ANY($1::bigint[]) RETURNING digest_id IS NULL AND weekly_digest_id IS NULL", .ints(pruned))
                summary.matchesDeleted = deleted.count
                for row in deleted {
                    if try row.bool(0) { summary.unassignedMatchesDeleted += 1 }
                }
                // Deleted and inserted again under the same ids, as on SQLite: what hangs off an item (ON DELETE
                // CASCADE) goes with its text on both backends. The later copies of these stories that point to
                // them are checked at the end of the statement, when the rows are back (NO ACTION).
                try await db.rows(
                    """
                    WITH gone AS (
                        DELETE FROM items WHERE id = ANY($1::bigint[])
                        RETURNING id, source, guid, guid_key, canonical_link, link, title, published, updated, first_seen_at, duplicate_of
                    )
                    INSERT INTO items (id, source, guid, guid_key, canonical_link, link, title, published, updated, first_seen_at,
                                       duplicate_of, pruned_at)
                    OVERRIDING SYSTEM VALUE
                    SELECT id, source, guid, guid_key, canonical_link, link, title, published, updated, first_seen_at, duplicate_of, $2
                    FROM gone ORDER BY id
                    """,
                    .ints(pruned), .date(now))
            }
            // A daily period ('YYYY-MM-DD') and a weekly one ('YYYY-Www') differ in length: the latest of each
            // kind stays, so that a daemon stopped long still knows which periods it owes.
            summary.digestsDeleted = try await db.rows(
                """
                DELETE FROM digests WHERE id IN (
                    SELECT d.id FROM digests d
                    WHERE NOT d.pending AND d.written_at < $1
                      AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.digest_id = d.id)
                      AND EXISTS (
                          SELECT 1 FROM digests n
                          WHERE n.profile = d.profile AND length(n.period) = length(d.period) AND n.period > d.period)
                    ORDER BY d.id LIMIT $2)
                RETURNING 1
                """,
                .date(contentBefore), .int(limit)
            ).count
            let forgotten = try await db.rows(
                "SELECT id FROM items WHERE pruned_at IS NOT NULL AND first_seen_at < $1 ORDER BY first_seen_at LIMIT $2",
                .date(identityBefore), .int(limit)
            ).map { row throws(StorageError) in try row.int64(0) }
            if !forgotten.isEmpty {
                // Later copies of a forgotten story stay, as stories of their own.
                try await db.rows("UPDATE items SET duplicate_of = NULL WHERE duplicate_of = ANY($1::bigint[])", .ints(forgotten))
                summary.itemsForgotten = try await db.rows(
                    "DELETE FROM items WHERE id = ANY($1::bigint[]) RETURNING 1", .ints(forgotten)
                ).count
            }
            summary.more = summary.itemsPruned == Int(limit) || summary.digestsDeleted == Int(limit) || summary.itemsForgotten == Int(limit)
            return summary
        }
    }
}
