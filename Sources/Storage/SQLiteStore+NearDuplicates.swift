import Foundation
import TextNormalization

/// Folding near-duplicates: a new item that resembles a recent one (``Resemblance/isNearDuplicate``) is
/// stored as another copy of that story, pointing to the story's first stored copy (`items.duplicate_of`).
extension SQLiteStore {
    /// Links the newly inserted `itemID` to the story of the item it resembles most among those indexed,
    /// stored or added by this transaction (`index`), if any, then indexes its fingerprint. Returns true when
    /// it joined a story.
    func foldNearDuplicate(
        _ db: Connection, itemID: Int64, entry: ItemWithMatches, seenAt: Date, index: inout NearDuplicateBatch, operation: String
    ) throws(StorageError) -> Bool {
        guard let fingerprint = entry.fingerprint else { return false }
        let story = try index.closestStory(db, to: fingerprint, bandKeys: entry.bandKeys, since: seenAt - NearDuplicateIndex.window)
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
        index.add(itemID: itemID, story: story ?? itemID, seenAt: seenAt, fingerprint: fingerprint, bandKeys: entry.bandKeys)
        return story != nil
    }

    /// Drops the fingerprints of items first seen before the window that ends at `now`, with their band keys.
    func pruneNearDuplicateIndex(_ db: Connection, now: Date, operation: String) throws(StorageError) {
        let cutoff = now - NearDuplicateIndex.window
        let rows = try db.withStatement("SELECT item_id, shingles FROM item_fingerprints WHERE seen_at < ?1", operation: operation) {
            select throws(StorageError) -> [(key: Int64, itemID: Int64)] in
            try select.bind(1, cutoff)
            var rows: [(key: Int64, itemID: Int64)] = []
            while try select.step() {
                let itemID = select.int64(0)
                rows += Set(NearDuplicateIndex.bandKeys(ofShingles: select.blob(1))).map { ($0, itemID) }
            }
            return rows
        }
        guard !rows.isEmpty else { return }
        try db.withStatement("DELETE FROM item_bands WHERE band_key = ?1 AND item_id = ?2", operation: operation) {
            delete throws(StorageError) in
            for row in rows.sorted(by: { ($0.key, $0.itemID) < ($1.key, $1.itemID) }) {
                try delete.bind(1, row.key)
                try delete.bind(2, row.itemID)
                try delete.run()
            }
        }
        try db.withStatement("DELETE FROM item_fingerprints WHERE seen_at < ?1", operation: operation) { prune throws(StorageError) in
            try prune.bind(1, cutoff)
            try prune.run()
        }
    }
}
