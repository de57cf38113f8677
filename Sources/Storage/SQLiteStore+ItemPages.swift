import Foundation
import Model

/// Reading the items of a time window a page at a time, for commands that go over many of them.
extension SQLiteStore {
    public func itemSpan(seenSince since: Date) async throws(StorageError) -> ItemSpan {
        try locked { db throws(StorageError) in
            try db.withStatement(
                "SELECT count(*), min(id), max(id) FROM items WHERE first_seen_at >= ?1", operation: "count items seen since"
            ) { select throws(StorageError) in
                try select.bind(1, since)
                guard try select.step(), !select.isNull(1) else { return ItemSpan(count: 0, ids: nil) }
                return ItemSpan(count: Int(select.int64(0)), ids: select.int64(1)...select.int64(2))
            }
        }
    }

    // Pages walk the primary key from the caller's cursor rather than using OFFSET, so each page costs its
    // own rows whatever its position, and each is read in its own short transaction: the lock is released
    // between pages and no snapshot is pinned while the caller works on a page.
    public func itemPage(
        seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String
    ) async throws(StorageError) -> [ScoredItem] {
        try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT i.id, i.source, i.first_seen_at, m.score, \(Self.itemColumns)
                FROM items i LEFT JOIN matches m ON m.item_id = i.id AND m.profile = ?4
                WHERE i.id BETWEEN ?1 AND ?2 AND i.first_seen_at >= ?3
                ORDER BY i.id LIMIT ?5
                """,
                operation: "read items seen since"
            ) { select throws(StorageError) in
                try select.bind(1, ids.lowerBound)
                try select.bind(2, ids.upperBound)
                try select.bind(3, since)
                try select.bind(4, profile)
                try select.bind(5, max(0, limit))
                var page: [ScoredItem] = []
                while try select.step() {
                    let stored = StoredItem(id: select.int64(0), source: select.string(1) ?? "", item: try readItem(select, from: 4))
                    page.append(ScoredItem(
                        stored: stored, firstSeenAt: select.date(2) ?? since, matchScore: select.isNull(3) ? nil : select.double(3)))
                }
                return page
            }
        }
    }
}
