import Foundation
import TextNormalization

/// Folding near-duplicates: a new item that resembles a recent one (``Resemblance/isNearDuplicate``) is
/// stored as another copy of that story, pointing to the story's first stored copy (`items.duplicate_of`).
extension SQLiteStore {
    /// Links the newly inserted `itemID` to the story of the item it resembles most among those indexed
    /// (`window`, with the fingerprints this transaction read or added in `batch`), if any, then stores and
    /// indexes its fingerprint. Returns true when it joined a story.
    func foldNearDuplicate(
        _ db: Connection, itemID: Int64, entry: ItemWithMatches, seenAt: Date, window: inout BandKeyWindow,
        batch: inout NearDuplicateBatch, operation: String
    ) throws(StorageError) -> Bool {
        guard let fingerprint = entry.fingerprint else { return false }
        let since = seenAt - NearDuplicateIndex.window
        // Added to the window first: a recording that throws drops the whole window.
        let candidates = window.addFindingNeighbours(itemID: itemID, seenAt: seenAt, keys: entry.bandKeys, seenSince: since)
        let story = try batch.closestStory(db, among: candidates, to: fingerprint, bandKeys: entry.bandKeys, since: since)
        if let story {
            try db.withStatement("UPDATE items SET duplicate_of = ?2 WHERE id = ?1", operation: operation) { update throws(StorageError) in
                try update.bind(1, itemID)
                try update.bind(2, story)
                try update.run()
            }
        }
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
        try insertBandKeys(db, itemID: itemID, seenAt: seenAt, keys: entry.bandKeys, operation: operation)
        batch.add(itemID: itemID, story: story ?? itemID, seenAt: seenAt, fingerprint: fingerprint, bandKeys: entry.bandKeys)
        return story != nil
    }

    /// Drops the fingerprints of items first seen before the window that ends at `now`; their band keys go
    /// with them (`ON DELETE CASCADE`), and `window` forgets them.
    func pruneNearDuplicateIndex(_ db: Connection, now: Date, window: inout BandKeyWindow?, operation: String) throws(StorageError) {
        let cutoff = now - NearDuplicateIndex.window
        try db.withStatement("DELETE FROM item_fingerprints WHERE seen_at < ?1", operation: operation) { prune throws(StorageError) in
            try prune.bind(1, cutoff)
            try prune.run()
        }
        window?.forget(before: cutoff)
    }

    /// Adds to `window` (a new one when nil) the band keys stored since it was last brought up to date, by
    /// this connection before it was dropped or by another one sharing the file.
    func catchUp(_ db: Connection, _ window: inout BandKeyWindow?, operation: String) throws(StorageError) {
        var current = window ?? BandKeyWindow()
        try db.withStatement(
            "SELECT item_id, seen_at, band_keys FROM item_band_keys WHERE item_id > ?1 ORDER BY item_id", operation: operation
        ) { select throws(StorageError) in
            try select.bind(1, current.lastItemID)
            while try select.step() {
                guard let seenAt = select.date(1) else { continue }
                current.add(itemID: select.int64(0), seenAt: seenAt, keys: NearDuplicateIndex.keys(select.blob(2)))
            }
        }
        window = current
    }

    /// Stores the band keys of every fingerprint that has none, computed again from its shingles: the keys
    /// of fingerprints stored before they were kept per item (``Schema/bandKeysPerItem``).
    func storeMissingBandKeys(_ db: Connection, operation: String) throws(StorageError) {
        let missing = try db.withStatement(
            """
            SELECT f.item_id, f.seen_at, f.shingles FROM item_fingerprints f
            WHERE NOT EXISTS (SELECT 1 FROM item_band_keys k WHERE k.item_id = f.item_id) ORDER BY f.item_id
            """,
            operation: operation
        ) { select throws(StorageError) -> [(itemID: Int64, seenAt: Date, keys: [Int64])] in
            var missing: [(itemID: Int64, seenAt: Date, keys: [Int64])] = []
            while try select.step() {
                guard let seenAt = select.date(1) else { continue }
                missing.append((select.int64(0), seenAt, NearDuplicateIndex.bandKeys(ofShingles: select.blob(2))))
            }
            return missing
        }
        for row in missing {
            try insertBandKeys(db, itemID: row.itemID, seenAt: row.seenAt, keys: row.keys, operation: operation)
        }
    }

    private func insertBandKeys(_ db: Connection, itemID: Int64, seenAt: Date, keys: [Int64], operation: String) throws(StorageError) {
        try db.withStatement("INSERT INTO item_band_keys (item_id, seen_at, band_keys) VALUES (?1, ?2, ?3)", operation: operation) {
            insert throws(StorageError) in
            try insert.bind(1, itemID)
            try insert.bind(2, seenAt)
            try insert.bind(3, NearDuplicateIndex.bytes(keys))
            try insert.run()
        }
    }
}
