import Foundation
import TextNormalization

/// The near-duplicate index as one recording transaction reads it: the candidates of each new item come from
/// the store's ``BandKeyWindow``, and their fingerprints are read once per transaction, or kept from when
/// this transaction added them.
struct NearDuplicateBatch {
    /// An indexed item a new item may be compared with.
    private struct Neighbour {
        /// Its story: the first stored copy's id.
        var story: Int64
        var seenAt: Date
        var fingerprint: NearDuplicateFingerprint
        /// Ascending, each once.
        var bandKeys: [Int64]
    }

    /// Neighbours read or added so far; nil for an id whose fingerprint is gone.
    private var neighbours: [Int64: Neighbour?] = [:]
    private let operation: String

    init(operation: String) {
        self.operation = operation
    }

    /// The story (first stored copy's id) of the indexed item among `candidates` (ascending ids, from the
    /// store's ``BandKeyWindow``) that shares a band key with `fingerprint` and resembles it most, among
    /// those seen since `since` (``NearDuplicateIndex/ClosestStory``).
    mutating func closestStory(
        _ db: Connection, among candidates: [Int64], to fingerprint: NearDuplicateFingerprint, bandKeys: [Int64], since: Date
    ) throws(StorageError) -> Int64? {
        guard !candidates.isEmpty else { return nil }
        var closest = NearDuplicateIndex.ClosestStory(to: fingerprint)
        // Ascending ids, as the ties of `ClosestStory` require.
        for id in candidates {
            // The window matches keys on their high bits only: a candidate must share a whole key. Its keys
            // alone are read first, as most candidates of a large window share none.
            guard try sharesAKey(db, id, bandKeys), let neighbour = try neighbour(db, id), neighbour.seenAt >= since,
                Self.shareAny(bandKeys, neighbour.bandKeys)
            else { continue }
            closest.consider(story: neighbour.story, fingerprint: neighbour.fingerprint)
        }
        return closest.story
    }

    /// Remembers the new item `itemID`, of story `story`, for the items after it in this transaction;
    /// `bandKeys` ascending, each once, as ``NearDuplicateFingerprint/bandKeys()`` gives them.
    mutating func add(itemID: Int64, story: Int64, seenAt: Date, fingerprint: NearDuplicateFingerprint, bandKeys: [Int64]) {
        neighbours[itemID] = Neighbour(story: story, seenAt: seenAt, fingerprint: fingerprint, bandKeys: bandKeys)
    }

    /// Whether two ascending arrays have an element in common.
    private static func shareAny(_ a: [Int64], _ b: [Int64]) -> Bool {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Whether item `id` may share one of `bandKeys`: false only when its stored keys, read without its
    /// fingerprint, share none. A candidate that shares only the window's bits of a key costs this lookup
    /// rather than reading and decoding its whole fingerprint; in a window of 1.2 million items there are
    /// about two such candidates for each new item.
    private func sharesAKey(_ db: Connection, _ id: Int64, _ bandKeys: [Int64]) throws(StorageError) -> Bool {
        if let known = neighbours[id] { return known.map { Self.shareAny(bandKeys, $0.bandKeys) } ?? false }
        let stored = try db.withStatement("SELECT band_keys FROM item_band_keys WHERE item_id = ?1", operation: operation) {
            select throws(StorageError) -> [Int64]? in
            try select.bind(1, id)
            return try select.step() ? NearDuplicateIndex.keys(select.blob(0)) : nil
        }
        // Without a row of keys, the fingerprint's shingles give them.
        guard let stored else { return true }
        return stored.contains { key in bandKeys.contains(key) }
    }

    private mutating func neighbour(_ db: Connection, _ id: Int64) throws(StorageError) -> Neighbour? {
        if let known = neighbours[id] { return known }
        let neighbour = try db.withStatement(
            """
            SELECT coalesce(i.duplicate_of, i.id), f.seen_at, f.title_words, f.shingles, f.lead, k.band_keys
            FROM item_fingerprints f JOIN items i ON i.id = f.item_id LEFT JOIN item_band_keys k ON k.item_id = f.item_id
            WHERE f.item_id = ?1
            """,
            operation: operation
        ) { select throws(StorageError) -> Neighbour? in
            try select.bind(1, id)
            guard try select.step(), let seenAt = select.date(1) else { return nil }
            let shingles = select.blob(3)
            let keys = select.isNull(5) ? NearDuplicateIndex.bandKeys(ofShingles: shingles) : NearDuplicateIndex.keys(select.blob(5))
            return Neighbour(
                story: select.int64(0), seenAt: seenAt,
                fingerprint: NearDuplicateIndex.fingerprint(titleWords: select.blob(2), shingles: shingles, lead: select.blob(4)),
                bandKeys: keys.sortedWithoutRepeats())
        }
        neighbours[id] = .some(neighbour)
        return neighbour
    }
}
