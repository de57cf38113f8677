import Foundation
import TextNormalization

/// Folding near-duplicates: a new item that resembles a recent one (``Resemblance/isNearDuplicate``) is
/// stored as another copy of that story, pointing to the story's first stored copy (`items.duplicate_of`).
extension PostgresStore {
    /// Links the newly inserted `itemID` to the story of the stored item it resembles most, if any, then
    /// indexes its fingerprint. Returns true when it joined a story.
    func foldNearDuplicate(
        _ db: PostgresSession, itemID: Int64, entry: ItemWithMatches, seenAt: Date
    ) async throws(StorageError) -> Bool {
        guard let fingerprint = entry.fingerprint else { return false }
        var closest = NearDuplicateIndex.ClosestStory(to: fingerprint)
        for row in try await db.rows(
            """
            SELECT coalesce(i.duplicate_of, i.id), f.title_words, f.shingles, f.lead
            FROM item_fingerprints f JOIN items i ON i.id = f.item_id
            WHERE f.item_id IN (SELECT item_id FROM item_bands WHERE band_key = ANY($1::bigint[]))
              AND f.seen_at >= $2
            ORDER BY f.item_id
            """,
            .ints(entry.bandKeys), .date(seenAt - NearDuplicateIndex.window)
        ) {
            closest.consider(story: try row.int64(0), titleWords: try row.bytes(1), shingles: try row.bytes(2), lead: try row.bytes(3))
        }
        if let story = closest.story {
            try await db.rows("UPDATE items SET duplicate_of = $2 WHERE id = $1", .int(itemID), .int(story))
        }
        try await db.rows(
            "INSERT INTO item_fingerprints (item_id, seen_at, title_words, shingles, lead) VALUES ($1, $2, $3, $4, $5)",
            .int(itemID), .date(seenAt), .bytes(NearDuplicateIndex.bytes(fingerprint.titleWords)),
            .bytes(NearDuplicateIndex.bytes(fingerprint.shingles)), .bytes(NearDuplicateIndex.bytes(fingerprint.lead)))
        try await db.rows(
            "INSERT INTO item_bands (band_key, item_id) SELECT DISTINCT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING",
            .ints(entry.bandKeys), .int(itemID))
        return closest.story != nil
    }

    /// Drops the fingerprints of items first seen before the window that ends at `now`.
    func pruneNearDuplicateIndex(_ db: PostgresSession, now: Date) async throws(StorageError) {
        try await db.rows("DELETE FROM item_fingerprints WHERE seen_at < $1", .date(now - NearDuplicateIndex.window))
    }
}
