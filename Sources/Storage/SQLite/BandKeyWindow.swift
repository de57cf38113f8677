import Foundation
import TextNormalization

/// The band keys of the fingerprints within the near-duplicate window, held in memory by the writing
/// connection of a SQLite store.
///
/// Band keys are random: kept in a B-tree (the former `item_bands` table), every transaction of a busy
/// crawl inserted keys into nearly every leaf of it, so that each commit rewrote most of the index and
/// recording grew slower as the index grew. Here each item's keys are stored once, as one row appended to
/// `item_band_keys`, and this window is read from those rows when a store first records, then kept up to
/// date by the store's own inserts and by reading the rows other connections added since.
///
/// The window is the bulk of a crawl's memory (twenty keys for each item of the last week), so an entry is
/// 32 bits: a slot number in its low ``slotBits`` bits and, above them, as many of the key's top
/// ``keyBits`` bits as the bucket it sits in does not already say. Each time the slots run out, the slots
/// take one more bit, the entries one less key bit, and the buckets double by that bit: a lookup still
/// tells keys apart on 28 bits, and a bucket holds about as many entries whatever the window's size, so an
/// insert costs the same at 10,000 items as at a million. A lookup may therefore offer an item that shares
/// only those 28 bits with the key asked for; the caller keeps an item only once it has checked its stored
/// keys.
struct BandKeyWindow {
    /// The top bits of a key a lookup compares. At 28 a bucket holds about 300 entries, and the buckets' own
    /// headers and spare room cost little: at 30, four times as many buckets of 75 entries took 1 MB more of
    /// the 12 MB window of 120,000 items. The price: in such a window about one new item in six is offered
    /// an item that shares only those bits with it, which the caller then checks against the stored keys.
    private static let keyBits = 28
    private var slotBits: Int
    /// Past this many slot bits, the oldest quarter of the items is forgotten even within the week.
    private let maximumSlotBits: Int
    /// Sorted entries of each bucket; a bucket holds the keys whose top ``bucketBits`` bits are its index.
    private var buckets: [[UInt32]]
    /// The item id and first-seen time of each slot, in ascending item id. The id less ``firstItemID``: the
    /// items of a week span far fewer than 2³² ids, so 32 bits hold it where the id takes 64. The time in
    /// whole Unix seconds, rounded up, so that a lookup's own check of the time never misses an item (the
    /// caller checks again).
    private var idOffsets: [UInt32] = []
    private var firstItemID: Int64 = 0
    private var seenAt: [UInt32] = []
    /// The highest item id added: rows above it are the ones still to read.
    private(set) var lastItemID: Int64 = 0
    /// While the cutoff of ``forget(before:)`` is at or before this second, fewer than a quarter of the items
    /// were first seen before it, so there is nothing to forget: a store calls it at every transaction, and
    /// counting the expired items each time cost a pass over the whole window.
    private var quietUntil: UInt32 = 0

    /// Items held, including those past the window not yet forgotten.
    var count: Int { idOffsets.count }

    /// A window of 65,536 slots at first, at most 4,194,304 (about 400 MB); tests make them smaller, down to
    /// 16 slots.
    init(initialSlotBits: Int = 16, maximumSlotBits: Int = 22) {
        precondition(Self.keyBits - 32 + initialSlotBits >= 0 && initialSlotBits <= maximumSlotBits && maximumSlotBits < 32)
        slotBits = initialSlotBits
        self.maximumSlotBits = maximumSlotBits
        buckets = [[UInt32]](repeating: [], count: 1 << (Self.keyBits - 32 + initialSlotBits))
    }

    private var bucketBits: Int { Self.keyBits - 32 + slotBits }
    private var storedKeyBits: Int { 32 - slotBits }

    /// Adds the item `itemID`, first seen at `seenAt`, under `keys`; ids must come in ascending order.
    mutating func add(itemID: Int64, seenAt: Date, keys: [Int64]) {
        _ = insert(itemID: itemID, seenAt: seenAt, keys: keys, neighboursSince: nil)
    }

    /// Adds the item as ``add(itemID:seenAt:keys:)`` does, and returns the ids of the items already held,
    /// first seen since `since`, that may share a key with it: ascending, each once. One search of each
    /// key's bucket serves both, where a lookup then an insert searched it twice.
    mutating func addFindingNeighbours(itemID: Int64, seenAt: Date, keys: [Int64], seenSince since: Date) -> [Int64] {
        insert(itemID: itemID, seenAt: seenAt, keys: keys, neighboursSince: since)
    }

    private mutating func insert(itemID: Int64, seenAt: Date, keys: [Int64], neighboursSince since: Date?) -> [Int64] {
        if idOffsets.count == 1 << slotBits {
            if slotBits < maximumSlotBits { widen() } else { keep(from: idOffsets.count / 4) }
        }
        let offset = self.offset(of: itemID)
        let slot = UInt32(idOffsets.count)
        let slotMask = UInt32(1) << UInt32(slotBits) - 1
        let threshold = since?.timeIntervalSince1970
        var found: [Int64] = []
        // Unsigned, so that keys ascend in their buckets' order and within a bucket in their stored bits' (a small
        // window's bucket index has fewer bits than the sign).
        let sortedKeys = keys.map { UInt64(bitPattern: $0) }.sortedWithoutRepeats()
        withUnsafeTemporaryAllocation(of: KeySearch.self, capacity: sortedKeys.count) { searches in
            for (index, key) in sortedKeys.enumerated() {
                let (bucket, stored) = split(Int64(bitPattern: key))
                searches.initializeElement(at: index, to: KeySearch(bucket: bucket, stored: stored, low: 0, high: buckets[bucket].count))
            }
            findRuns(searches)
            // The entries of each key's stored bits run from where its search ended; the new entry, of the
            // highest slot, ends the run. Runs are read before any entry is inserted, so that an item whose keys
            // share their stored bits does not meet its own slot.
            for index in searches.indices {
                let search = searches[index]
                let end = buckets[search.bucket].withUnsafeBufferPointer { entries in
                    var end = search.low
                    while end < entries.count, entries[end] >> UInt32(slotBits) == search.stored {
                        let other = Int(entries[end] & slotMask)
                        if let threshold, Double(self.seenAt[other]) >= threshold {
                            found.append(firstItemID + Int64(idOffsets[other]))
                        }
                        end += 1
                    }
                    return end
                }
                searches[index].high = end
            }
            // Keys ascend, and so do their buckets and stored bits: inserting from the last key keeps the
            // positions found for the keys before it, which lie at or before it in a shared bucket.
            for index in searches.indices.reversed() {
                let search = searches[index]
                if buckets[search.bucket].count == buckets[search.bucket].capacity {
                    // Grow by a sixteenth rather than double: the buckets together are the bulk of the window,
                    // and a bucket holds a few hundred entries at most, so copying it costs little.
                    buckets[search.bucket].reserveCapacity(buckets[search.bucket].count + buckets[search.bucket].count / 16 + 4)
                }
                buckets[search.bucket].insert(search.stored << UInt32(slotBits) | slot, at: search.high)
            }
            searches.deinitialize()
        }
        idOffsets.append(offset)
        let seconds = Self.seconds(seenAt)
        self.seenAt.append(seconds)
        // An item first seen before the quarter mark (a clock stepped back, or the first item) moves the mark.
        if seconds < quietUntil { quietUntil = 0 }
        lastItemID = max(lastItemID, itemID)
        return found.sortedWithoutRepeats()
    }

    /// Forgets the items first seen before `cutoff`, once they are a quarter of those held: until then they
    /// are skipped by ``addFindingNeighbours(itemID:seenAt:keys:seenSince:)``, and forgetting them costs a pass over every entry.
    mutating func forget(before cutoff: Date) {
        let limit = cutoff.timeIntervalSince1970
        guard limit > Double(quietUntil) else { return }
        // Slots are in ascending id, and ids in the order items were first seen, give or take a clock
        // step back: the expired items are counted, not assumed to be a prefix.
        let expired = seenAt.reduce(0) { Double($1) < limit ? $0 + 1 : $0 }
        if expired > 0, expired * 4 >= seenAt.count { keep { _, seen in Double(seen) >= limit } }
        quietUntil = quarterMark()
    }

    /// The first-seen second of the item at the first quarter of those held, oldest first: a cutoff at or
    /// before it leaves fewer than a quarter of them expired (none when the window is empty).
    private func quarterMark() -> UInt32 {
        guard !seenAt.isEmpty else { return .max }
        return seenAt.sorted()[(seenAt.count + 3) / 4 - 1]
    }

    /// Keeps the slots from `first` on: the oldest items, when the window is full.
    private mutating func keep(from first: Int) {
        keep { slot, _ in slot >= first }
    }

    /// Keeps the slots `isKept` accepts (given each slot and its first-seen second), renumbered in order,
    /// with their entries.
    private mutating func keep(where isKept: (_ slot: Int, _ seenAt: UInt32) -> Bool) {
        let noSlot = UInt32.max
        var renumbered = [UInt32](repeating: noSlot, count: seenAt.count)
        var keptOffsets: [UInt32] = []
        var keptSeenAt: [UInt32] = []
        for slot in seenAt.indices where isKept(slot, seenAt[slot]) {
            renumbered[slot] = UInt32(keptOffsets.count)
            keptOffsets.append(idOffsets[slot])
            keptSeenAt.append(seenAt[slot])
        }
        let slotMask = UInt32(1) << UInt32(slotBits) - 1
        for bucket in buckets.indices where !buckets[bucket].isEmpty {
            var kept: [UInt32] = []
            kept.reserveCapacity(buckets[bucket].count)
            for entry in buckets[bucket] {
                let slot = renumbered[Int(entry & slotMask)]
                if slot != noSlot { kept.append(entry & ~slotMask | slot) }
            }
            buckets[bucket] = kept
        }
        // Offsets count from the lowest id kept, so that the ids to come have the most room.
        let rebase = keptOffsets.min() ?? 0
        firstItemID += Int64(rebase)
        idOffsets = keptOffsets.map { $0 - rebase }
        seenAt = keptSeenAt
        quietUntil = 0
    }

    /// The offset of `itemID` from ``firstItemID``, after forgetting the items too far below it for the
    /// offset to fit in 32 bits (never in practice: a week's items span far fewer ids), or of every item when
    /// it comes below the first one held, against the order ids must come in.
    private mutating func offset(of itemID: Int64) -> UInt32 {
        if idOffsets.isEmpty { firstItemID = itemID }
        let (span, overflow) = itemID.subtractingReportingOverflow(firstItemID)
        if !overflow, span >= 0, span <= Int64(UInt32.max) { return UInt32(span) }
        if overflow || span < 0 {
            keep { _, _ in false }
        } else {
            let lowest = span - Int64(UInt32.max)
            let offsets = idOffsets
            keep { slot, _ in Int64(offsets[slot]) >= lowest }
        }
        if idOffsets.isEmpty { firstItemID = itemID }
        return UInt32(itemID - firstItemID)
    }

    /// Gives slots one more bit: each entry's top stored key bit moves into the bucket index, so each bucket
    /// splits in two in order, and no key bit is lost.
    private mutating func widen() {
        let oldSlotBits = UInt32(slotBits)
        let oldStoredBits = UInt32(storedKeyBits)
        let slotMask = UInt32(1) << oldSlotBits - 1
        let lowStoredMask = UInt32(1) << (oldStoredBits - 1) - 1
        var widened = [[UInt32]](repeating: [], count: buckets.count * 2)
        for bucket in buckets.indices where !buckets[bucket].isEmpty {
            // Sized as an insert grows a bucket: appending alone would leave up to half of each one unused.
            let upper = buckets[bucket].reduce(0) { $0 + Int($1 >> (oldSlotBits + oldStoredBits - 1)) }
            let lower = buckets[bucket].count - upper
            if lower > 0 { widened[bucket * 2].reserveCapacity(lower + lower / 16 + 4) }
            if upper > 0 { widened[bucket * 2 + 1].reserveCapacity(upper + upper / 16 + 4) }
            for entry in buckets[bucket] {
                let stored = entry >> oldSlotBits
                let half = Int(stored >> (oldStoredBits - 1))
                widened[bucket * 2 + half].append((stored & lowStoredMask) << (oldSlotBits + 1) | entry & slotMask)
            }
            buckets[bucket] = []
        }
        buckets = widened
        slotBits += 1
    }

    /// The bucket of `key` and the key bits its entries store.
    private func split(_ key: Int64) -> (bucket: Int, stored: UInt32) {
        let top = UInt64(bitPattern: key) >> UInt64(64 - Self.keyBits)
        let stored = top & (UInt64(1) << UInt64(storedKeyBits) - 1)
        return (Int(top >> UInt64(storedKeyBits)), UInt32(stored))
    }

    private static func seconds(_ date: Date) -> UInt32 {
        let seconds = date.timeIntervalSince1970.rounded(.up)
        return seconds <= 0 ? 0 : seconds >= Double(UInt32.max) ? .max : UInt32(seconds)
    }

    /// One key's search for where its stored bits begin in its bucket: the first entry not below them lies in
    /// `low..<high` until the two meet.
    private struct KeySearch {
        let bucket: Int
        let stored: UInt32
        var low: Int
        var high: Int
    }

    /// Ends every search at the first entry of its bucket not below its stored bits. The searches halve their
    /// ranges in turn, one step of each per round, rather than one search to its end then the next: an item's
    /// keys fall in buckets all over the window, each probe is a cache miss, and the probes of one round do not
    /// wait on each other, so the memory fetches them together.
    private func findRuns(_ searches: UnsafeMutableBufferPointer<KeySearch>) {
        let shift = UInt32(slotBits)
        buckets.withUnsafeBufferPointer { buckets in
            var searching = true
            while searching {
                searching = false
                for index in searches.indices {
                    var search = searches[index]
                    guard search.low < search.high else { continue }
                    let middle = (search.low + search.high) / 2
                    let below = buckets[search.bucket][middle] < search.stored << shift
                    search.low = below ? middle + 1 : search.low
                    search.high = below ? search.high : middle
                    searches[index] = search
                    searching = true
                }
            }
        }
    }
}
