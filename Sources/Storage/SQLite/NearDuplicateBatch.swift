import Foundation
import TextNormalization

/// The near-duplicate index as one recording transaction reads and extends it.
///
/// Band keys are random, so looking each new item's keys up and inserting them one item at a time touches
/// index pages all over the file, far more of them than SQLite's cache holds: a cold crawl read and wrote
/// gigabytes of pages for a few hundred megabytes stored. Instead the transaction looks up every key of
/// its items in one statement, which SQLite probes in key order, and inserts the new items' keys once, in
/// key order, before it commits. Items indexed earlier in the same transaction are looked up here, in
/// memory, so each item still sees every item recorded before it, exactly as with one item at a time.
struct NearDuplicateBatch {
    /// An indexed item a new item may be compared with.
    private struct Neighbour {
        /// Its story: the first stored copy's id.
        var story: Int64
        var seenAt: Date
        var fingerprint: NearDuplicateFingerprint
    }

    /// Item ids of the committed index by band key, for the keys of this transaction's items.
    private var storedByKey: [Int64: [Int64]] = [:]
    /// Stored neighbours read so far; nil for an id whose fingerprint is gone.
    private var stored: [Int64: Neighbour?] = [:]
    /// The first item indexed in this transaction under each band key, and the later ones in ascending id
    /// for the few keys several items share: one array per key would cost more than the keys themselves.
    private var firstAddedByKey: [Int64: Int64] = [:]
    private var moreAddedByKey: [Int64: [Int64]] = [:]
    private var added: [Int64: Neighbour] = [:]
    /// The index rows to insert before the transaction commits.
    private var rows: [(key: Int64, itemID: Int64)] = []
    private let operation: String

    /// Reads which stored items share a band key with `bandKeys`, the keys of the items this transaction
    /// may add.
    init(_ db: Connection, bandKeys: [Int64], operation: String) throws(StorageError) {
        self.operation = operation
        guard !bandKeys.isEmpty else { return }
        try db.withStatement(
            "SELECT band_key, item_id FROM item_bands WHERE band_key IN (SELECT value FROM json_each(?1)) ORDER BY band_key, item_id",
            operation: operation
        ) { select throws(StorageError) in
            try select.bind(1, JSONColumn.ids(bandKeys))
            while try select.step() {
                storedByKey[select.int64(0), default: []].append(select.int64(1))
            }
        }
    }

    /// The story (first stored copy's id) of the indexed item that shares a band key with `fingerprint` and
    /// resembles it most, among those seen since `since` (``NearDuplicateIndex/ClosestStory``).
    mutating func closestStory(
        _ db: Connection, to fingerprint: NearDuplicateFingerprint, bandKeys: [Int64], since: Date
    ) throws(StorageError) -> Int64? {
        var candidates = Set<Int64>()
        for key in bandKeys {
            if let ids = storedByKey[key] { candidates.formUnion(ids) }
            if let id = firstAddedByKey[key] {
                candidates.insert(id)
                if let more = moreAddedByKey[key] { candidates.formUnion(more) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        var closest = NearDuplicateIndex.ClosestStory(to: fingerprint)
        // Ascending ids, as the ties of `ClosestStory` require: stored items come before those added here.
        for id in candidates.sorted() {
            guard let neighbour = try neighbour(db, id), neighbour.seenAt >= since else { continue }
            closest.consider(story: neighbour.story, fingerprint: neighbour.fingerprint)
        }
        return closest.story
    }

    /// Indexes the new item `itemID`, of story `story`, under `bandKeys`.
    mutating func add(itemID: Int64, story: Int64, seenAt: Date, fingerprint: NearDuplicateFingerprint, bandKeys: [Int64]) {
        added[itemID] = Neighbour(story: story, seenAt: seenAt, fingerprint: fingerprint)
        for key in Set(bandKeys) {
            if firstAddedByKey[key] == nil {
                firstAddedByKey[key] = itemID
            } else {
                moreAddedByKey[key, default: []].append(itemID)
            }
            rows.append((key, itemID))
        }
    }

    /// Inserts the index rows of the items added, in key order.
    func write(_ db: Connection) throws(StorageError) {
        guard !rows.isEmpty else { return }
        let sorted = rows.sorted { ($0.key, $0.itemID) < ($1.key, $1.itemID) }
        try db.withStatement("INSERT OR IGNORE INTO item_bands (band_key, item_id) VALUES (?1, ?2)", operation: operation) {
            insert throws(StorageError) in
            for row in sorted {
                try insert.bind(1, row.key)
                try insert.bind(2, row.itemID)
                try insert.run()
            }
        }
    }

    private mutating func neighbour(_ db: Connection, _ id: Int64) throws(StorageError) -> Neighbour? {
        if let neighbour = added[id] { return neighbour }
        if let known = stored[id] { return known }
        let neighbour = try db.withStatement(
            """
            SELECT coalesce(i.duplicate_of, i.id), f.seen_at, f.title_words, f.shingles, f.lead
            FROM item_fingerprints f JOIN items i ON i.id = f.item_id WHERE f.item_id = ?1
            """,
            operation: operation
        ) { select throws(StorageError) -> Neighbour? in
            try select.bind(1, id)
            guard try select.step(), let seenAt = select.date(1) else { return nil }
            return Neighbour(
                story: select.int64(0), seenAt: seenAt,
                fingerprint: NearDuplicateIndex.fingerprint(titleWords: select.blob(2), shingles: select.blob(3), lead: select.blob(4)))
        }
        stored[id] = .some(neighbour)
        return neighbour
    }
}
