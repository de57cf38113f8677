import Foundation

/// The band keys of the fingerprints within the near-duplicate window, held in memory by the writing
/// connection of a SQLite store.
///
/// Band keys are random: kept in a B-tree (the former `item_bands` table), every transaction of a busy
/// crawl inserted keys into nearly every leaf of it, so that each commit rewrote most of the index and
/// recording grew slower as the index grew. Here each item's keys are stored once, as one row appended to
/// `item_band_keys`, and this window is read from those rows when a store first records, then kept up to
/// date by the store's own inserts and by reading the rows other connections added since.
///
/// An entry is a key's high 32 bits and a slot number, in one of 2¹⁴ sorted buckets chosen by the key's
/// high bits: 8 bytes per key. A lookup may therefore offer an item that shares only those high bits with
/// the key asked for; the caller keeps an item only once it has checked its stored keys.
struct BandKeyWindow {
    private static let bucketBits = 14
    /// Sorted entries: the key's high 32 bits, then the slot.
    private var buckets = [[UInt64]](repeating: [], count: 1 << bucketBits)
    /// The item id and first-seen time (Unix seconds) of each slot, in ascending item id.
    private var itemIDs: [Int64] = []
    private var seenAt: [Double] = []
    /// The highest item id added: rows above it are the ones still to read.
    private(set) var lastItemID: Int64 = 0

    /// Items held, including those past the window not yet forgotten.
    var count: Int { itemIDs.count }

    /// Adds the item `itemID`, first seen at `seenAt`, under `keys`; ids must come in ascending order.
    mutating func add(itemID: Int64, seenAt: Date, keys: [Int64]) {
        let slot = UInt64(itemIDs.count)
        itemIDs.append(itemID)
        self.seenAt.append(seenAt.timeIntervalSince1970)
        lastItemID = max(lastItemID, itemID)
        for key in Set(keys) {
            let entry = Self.high(key) | slot
            let bucket = Self.bucket(key)
            let position = Self.firstIndex(notBelow: entry, in: buckets[bucket])
            if buckets[bucket].count == buckets[bucket].capacity {
                // Grow by an eighth rather than double: the buckets together are the bulk of the window.
                buckets[bucket].reserveCapacity(buckets[bucket].count + buckets[bucket].count / 8 + 4)
            }
            buckets[bucket].insert(entry, at: position)
        }
    }

    /// The ids of the items first seen since `since` that may share a key with `keys`, ascending, each once.
    func items(sharingAnyOf keys: [Int64], seenSince since: Date) -> [Int64] {
        let threshold = since.timeIntervalSince1970
        var found: [Int64] = []
        for key in Set(keys) {
            let high = Self.high(key)
            let bucket = buckets[Self.bucket(key)]
            var position = Self.firstIndex(notBelow: high, in: bucket)
            while position < bucket.count, bucket[position] & Self.highMask == high {
                let slot = Int(bucket[position] & ~Self.highMask)
                if seenAt[slot] >= threshold { found.append(itemIDs[slot]) }
                position += 1
            }
        }
        found.sort()
        var write = 0
        for id in found where write == 0 || found[write - 1] != id {
            found[write] = id
            write += 1
        }
        found.removeLast(found.count - write)
        return found
    }

    /// Forgets the items first seen before `cutoff`, once they are a quarter of those held: until then they
    /// are skipped by ``items(sharingAnyOf:seenSince:)``, and forgetting them costs a pass over every entry.
    mutating func forget(before cutoff: Date) {
        let limit = cutoff.timeIntervalSince1970
        let expired = seenAt.reduce(0) { $1 < limit ? $0 + 1 : $0 }
        guard expired > 0, expired * 4 >= seenAt.count else { return }
        var renumbered = [UInt64](repeating: .max, count: seenAt.count)
        var keptIDs: [Int64] = []
        var keptSeenAt: [Double] = []
        keptIDs.reserveCapacity(seenAt.count - expired)
        keptSeenAt.reserveCapacity(seenAt.count - expired)
        for slot in seenAt.indices where seenAt[slot] >= limit {
            renumbered[slot] = UInt64(keptIDs.count)
            keptIDs.append(itemIDs[slot])
            keptSeenAt.append(seenAt[slot])
        }
        for bucket in buckets.indices where !buckets[bucket].isEmpty {
            var kept: [UInt64] = []
            kept.reserveCapacity(buckets[bucket].count)
            for entry in buckets[bucket] {
                let slot = renumbered[Int(entry & ~Self.highMask)]
                if slot != .max { kept.append(entry & Self.highMask | slot) }
            }
            buckets[bucket] = kept
        }
        itemIDs = keptIDs
        seenAt = keptSeenAt
    }

    private static let highMask: UInt64 = 0xFFFF_FFFF_0000_0000

    private static func high(_ key: Int64) -> UInt64 {
        UInt64(bitPattern: key) & highMask
    }

    private static func bucket(_ key: Int64) -> Int {
        Int(UInt64(bitPattern: key) >> UInt64(64 - bucketBits))
    }

    /// The index of the first entry of the sorted `bucket` not below `entry`.
    private static func firstIndex(notBelow entry: UInt64, in bucket: [UInt64]) -> Int {
        var low = 0
        var high = bucket.count
        while low < high {
            let middle = (low + high) / 2
            if bucket[middle] < entry { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
