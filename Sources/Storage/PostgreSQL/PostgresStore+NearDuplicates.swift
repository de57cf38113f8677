import Foundation
import TextNormalization

/// Folding near-duplicates: a new item that resembles a recent one (``Resemblance/isNearDuplicate``) is
/// stored as another copy of that story, pointing to the story's first stored copy (`items.duplicate_of`);
/// the item and its fingerprint are stored by `record` (PostgresStore+Recording.swift).
extension PostgresStore {
    /// The story (first stored copy's id) of the indexed item that shares a band key with `fingerprint`
    /// and resembles it most, among those seen in the window before `seenAt`
    /// (``NearDuplicateIndex/ClosestStory``). Asked before the new item is stored, which it cannot be found
    /// among, so that the item, its story and its fingerprint are then stored in one statement.
    func closestStory(
        _ db: PostgresSession, to fingerprint: NearDuplicateFingerprint, bandKeys: [Int64], seenAt: Date
    ) async throws(StorageError) -> Int64? {
        var closest = NearDuplicateIndex.ClosestStory(to: fingerprint)
        for row in try await db.rows(
            """
            SELECT coalesce(i.duplicate_of, i.id), f.title_words, f.shingles, f.lead
            FROM item_fingerprints f JOIN items i ON i.id = f.item_id
            WHERE f.item_id IN (SELECT item_id FROM item_bands WHERE band_key = ANY($1::bigint[]))
              AND f.seen_at >= $2
            ORDER BY f.item_id
            """,
            .ints(bandKeys), .date(seenAt - NearDuplicateIndex.window)
        ) {
            closest.consider(story: try row.int64(0), titleWords: try row.bytes(1), shingles: try row.bytes(2), lead: try row.bytes(3))
        }
        return closest.story
    }

    /// Drops the fingerprints of items first seen before the window that ends at `now`, with their band keys.
    func pruneNearDuplicateIndex(_ db: PostgresSession, now: Date) async throws(StorageError) {
        let cutoff = now - NearDuplicateIndex.window
        var keys: [Int64] = []
        var itemIDs: [Int64] = []
        for row in try await db.rows("SELECT item_id, shingles FROM item_fingerprints WHERE seen_at < $1", .date(cutoff)) {
            let itemID = try row.int64(0)
            for key in Set(NearDuplicateIndex.bandKeys(ofShingles: try row.bytes(1))) {
                keys.append(key)
                itemIDs.append(itemID)
            }
        }
        guard !keys.isEmpty else { return }
        try await db.rows(
            """
            DELETE FROM item_bands b USING unnest($1::bigint[], $2::bigint[]) AS gone(band_key, item_id)
            WHERE b.band_key = gone.band_key AND b.item_id = gone.item_id
            """,
            .ints(keys), .ints(itemIDs))
        try await db.rows("DELETE FROM item_fingerprints WHERE seen_at < $1", .date(cutoff))
    }
}
