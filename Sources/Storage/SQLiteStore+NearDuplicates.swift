import Foundation
import TextNormalization

/// Folding near-duplicates: a new item that resembles a recent one (``Resemblance/isNearDuplicate``) is
/// stored as another copy of that story, pointing to the story's first stored copy (`items.duplicate_of`).
extension SQLiteStore {
    /// Links the newly inserted `itemID` to the story of the stored item it resembles most, if any, then
    /// indexes its fingerprint. Returns true when it joined a story.
    func foldNearDuplicate(
        _ db: Connection, itemID: Int64, entry: ItemWithMatches, seenAt: Date, operation: String
    ) throws(StorageError) -> Bool {
        guard let fingerprint = entry.fingerprint else { return false }
        let story = try closestStory(db, to: fingerprint, bandKeys: entry.bandKeys, since: seenAt - NearDuplicateIndex.window, operation: operation)
        if let story {
            try db.withStatement("UPDATE items SET duplicate_of = ?2 WHERE id = ?1", operation: operation) { update throws(StorageError) in
                try update.bind(1, itemID)
                try update.bind(2, story)
                try update.run()
            }
        }
        try index(db, itemID: itemID, fingerprint: fingerprint, bandKeys: entry.bandKeys, seenAt: seenAt, operation: operation)
        return story != nil
    }

    /// Drops the fingerprints of items first seen before the window that ends at `now`.
    func pruneNearDuplicateIndex(_ db: Connection, now: Date, operation: String) throws(StorageError) {
        try db.withStatement("DELETE FROM item_fingerprints WHERE seen_at < ?1", operation: operation) { prune throws(StorageError) in
            try prune.bind(1, now - NearDuplicateIndex.window)
            try prune.run()
        }
    }

    /// The story (first stored copy's id) of the indexed item that shares a band key with `fingerprint`
    /// and resembles it most, among those seen since `since` (``NearDuplicateIndex/ClosestStory``).
    private func closestStory(
        _ db: Connection, to fingerprint: NearDuplicateFingerprint, bandKeys: [Int64], since: Date, operation: String
    ) throws(StorageError) -> Int64? {
        try db.withStatement(
            """
            SELECT coalesce(i.duplicate_of, i.id), f.title_words, f.shingles, f.lead
            FROM item_fingerprints f JOIN items i ON i.id = f.item_id
            WHERE f.item_id IN (SELECT item_id FROM item_bands WHERE band_key IN (SELECT value FROM json_each(?1)))
              AND f.seen_at >= ?2
            ORDER BY f.item_id
            """,
            operation: operation
        ) { select throws(StorageError) -> Int64? in
            try select.bind(1, JSONColumn.ids(bandKeys))
            try select.bind(2, since)
            var closest = NearDuplicateIndex.ClosestStory(to: fingerprint)
            while try select.step() {
                closest.consider(story: select.int64(0), titleWords: select.blob(1), shingles: select.blob(2), lead: select.blob(3))
            }
            return closest.story
        }
    }

    private func index(
        _ db: Connection, itemID: Int64, fingerprint: NearDuplicateFingerprint, bandKeys: [Int64], seenAt: Date, operation: String
    ) throws(StorageError) {
        try db.withStatement(
            "INSERT INTO item_fingerprints (item_id, seen_at, title_words, shingles, lead) VALUES (?1, ?2, ?3, ?4, ?5)", operation: operation
        ) { insert throws(StorageError) in
            try insert.bind(1, itemID)
            try insert.bind(2, seenAt)
            try insert.bind(3, NearDuplicateIndex.bytes(fingerprint.titleWords))
            try insert.bind(4, NearDuplicateIndex.bytes(fingerprint.shingles))
            try insert.bind(5, NearDuplicateIndex.bytes(fingerprint.lead))
            try insert.run()
        }
        try db.withStatement(
            "INSERT OR IGNORE INTO item_bands (band_key, item_id) VALUES (?1, ?2)", operation: operation
        ) { insert throws(StorageError) in
            for key in bandKeys {
                try insert.bind(1, key)
                try insert.bind(2, itemID)
                try insert.run()
            }
        }
    }
}
