import Foundation
import Model

/// Reading the items of a time window a page at a time, for commands that go over many of them.
extension PostgresStore {
    public func itemSpan(seenSince since: Date) async throws(StorageError) -> ItemSpan {
        try await withSession("count items seen since") { db throws(StorageError) in
            guard let row = try await db.row("SELECT count(*), min(id), max(id) FROM items WHERE first_seen_at >= $1", .date(since)),
                  let lowest = try row.optionalInt64(1), let highest = try row.optionalInt64(2)
            else { return ItemSpan(count: 0, ids: nil) }
            return ItemSpan(count: Int(try row.int64(0)), ids: lowest...highest)
        }
    }

    // Pages walk the primary key from the caller's cursor rather than using OFFSET, so each page costs its
    // own rows whatever its position, and each is one statement: no snapshot is held while the caller
    // works on a page.
    public func itemPage(
        seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String
    ) async throws(StorageError) -> [ScoredItem] {
        try await withSession("read items seen since") { db throws(StorageError) in
            var page: [ScoredItem] = []
            for row in try await db.rows(
                """
                SELECT i.id, i.source, i.first_seen_at, m.score, \(Self.itemColumns)
                FROM items i LEFT JOIN matches m ON m.item_id = i.id AND m.profile = $4
                WHERE i.id BETWEEN $1 AND $2 AND i.first_seen_at >= $3
                ORDER BY i.id LIMIT $5
                """,
                .int(ids.lowerBound), .int(ids.upperBound), .date(since), .text(profile), .int(Int64(max(0, limit)))
            ) {
                let stored = StoredItem(id: try row.int64(0), source: try row.string(1) ?? "", item: try readItem(row, from: 4))
                page.append(ScoredItem(stored: stored, firstSeenAt: try row.date(2) ?? since, matchScore: try row.optionalDouble(3)))
            }
            return page
        }
    }
}
