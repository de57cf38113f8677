import Foundation
import Model
import SeededRandom
import Testing

@testable import Storage

@Suite("Band keys of the near-duplicate window in memory")
struct BandKeyWindowTests {
    private let day: TimeInterval = 86_400

    /// What the window offers a new item under `keys`, asked of a copy so that `window` itself is unchanged.
    private func neighbours(_ keys: [Int64], in window: BandKeyWindow, since: Date) -> [Int64] {
        var copy = window
        return copy.addFindingNeighbours(itemID: window.lastItemID + 1, seenAt: since, keys: keys, seenSince: since)
    }

    @Test("Items sharing a key are offered once each, in ascending id, and an item sharing none is not")
    func sharedKeysAreFound() {
        var window = BandKeyWindow()
        window.add(itemID: 3, seenAt: t0, keys: [10 << 40, 11 << 40, 12 << 40])
        window.add(itemID: 5, seenAt: t0, keys: [12 << 40, 13 << 40])
        window.add(itemID: 9, seenAt: t0, keys: [11 << 40, 12 << 40, 14 << 40])
        window.add(itemID: 12, seenAt: t0, keys: [99 << 40])
        #expect(neighbours([12 << 40, 11 << 40, 11 << 40], in: window, since: t0) == [3, 5, 9])
        #expect(neighbours([13 << 40], in: window, since: t0) == [5])
        #expect(neighbours([42 << 40], in: window, since: t0).isEmpty)
        #expect(window.lastItemID == 12)
    }

    @Test("Keys at the ends of the key space, negative ones included, are found", arguments: [Int64.min, -1, 0, 1, Int64.max])
    func extremeKeys(key: Int64) {
        var window = BandKeyWindow()
        window.add(itemID: 1, seenAt: t0, keys: [key])
        window.add(itemID: 2, seenAt: t0, keys: [key ^ (1 << 40)])
        #expect(neighbours([key], in: window, since: t0) == [1])
    }

    @Test("An item first seen before the window's start is not offered")
    func oldItemsAreSkipped() {
        var window = BandKeyWindow()
        window.add(itemID: 1, seenAt: t0, keys: [7 << 40])
        window.add(itemID: 2, seenAt: t0.addingTimeInterval(day), keys: [7 << 40])
        #expect(neighbours([7 << 40], in: window, since: t0.addingTimeInterval(1)) == [2])
    }

    @Test("Forgetting the items past the window keeps every later one findable under each of its keys")
    func forgettingKeepsTheRest() {
        var window = BandKeyWindow()
        for id in 1...100 {
            let key = Int64(id % 10) << 40
            window.add(itemID: Int64(id), seenAt: t0.addingTimeInterval(Double(id) * day), keys: [key, Int64(id) << 48])
        }
        window.forget(before: t0.addingTimeInterval(51 * day))
        #expect(window.count == 50)
        #expect(neighbours([3 << 40], in: window, since: t0) == [53, 63, 73, 83, 93])
        #expect(neighbours([77 << 48], in: window, since: t0) == [77])
        #expect(neighbours([7 << 48], in: window, since: t0).isEmpty)
        window.add(itemID: 101, seenAt: t0.addingTimeInterval(101 * day), keys: [3 << 40])
        #expect(neighbours([3 << 40], in: window, since: t0) == [53, 63, 73, 83, 93, 101])
    }

    @Test("A few expired items are kept until they are a quarter of the window, and are not offered meanwhile")
    func forgettingWaitsForAQuarter() {
        var window = BandKeyWindow()
        for id in 1...10 { window.add(itemID: Int64(id), seenAt: t0.addingTimeInterval(Double(id) * day), keys: [5 << 40]) }
        window.forget(before: t0.addingTimeInterval(2.5 * day))
        #expect(window.count == 10)
        #expect(neighbours([5 << 40], in: window, since: t0.addingTimeInterval(2.5 * day)) == Array(3...10))
        window.forget(before: t0.addingTimeInterval(3.5 * day))
        #expect(window.count == 7)
    }

    @Test("Items added first seen before the quarter mark (a clock stepped back) count towards the quarter")
    func itemsSeenEarlierCountTowardsTheQuarter() {
        var window = BandKeyWindow()
        for id in 1...8 { window.add(itemID: Int64(id), seenAt: t0.addingTimeInterval(Double(9 + id) * day), keys: [5 << 40]) }
        window.forget(before: t0.addingTimeInterval(10.5 * day))
        #expect(window.count == 8)
        window.add(itemID: 9, seenAt: t0.addingTimeInterval(day), keys: [5 << 40])
        window.add(itemID: 10, seenAt: t0.addingTimeInterval(2 * day), keys: [5 << 40])
        window.forget(before: t0.addingTimeInterval(10.5 * day))
        #expect(window.count == 7)
        #expect(neighbours([5 << 40], in: window, since: t0) == Array(2...8))
    }

    @Test("An item id more than 2³² above the oldest held forgets the items too far below it, and the rest stay findable")
    func idsBeyondThirtyTwoBitsOfSpan() {
        var window = BandKeyWindow()
        // 2³² − 1 above 13: item 5 is too far below it, item 20 is not.
        let far = Int64(UInt32.max) + 13
        window.add(itemID: 5, seenAt: t0, keys: [1 << 40])
        window.add(itemID: 20, seenAt: t0, keys: [2 << 40])
        window.add(itemID: far, seenAt: t0, keys: [1 << 40, 3 << 40])
        #expect(window.count == 2)
        #expect(neighbours([1 << 40], in: window, since: t0) == [far])
        #expect(neighbours([2 << 40], in: window, since: t0) == [20])
        window.add(itemID: 3 * far, seenAt: t0, keys: [3 << 40])
        #expect(neighbours([3 << 40], in: window, since: t0) == [3 * far])
        #expect(window.lastItemID == 3 * far)
    }

    @Test("An item id below the first one held, against the order ids come in, empties the window rather than mislabel items")
    func descendingIdEmptiesTheWindow() {
        var window = BandKeyWindow()
        window.add(itemID: 50, seenAt: t0, keys: [1 << 40])
        window.add(itemID: 7, seenAt: t0, keys: [1 << 40])
        #expect(neighbours([1 << 40], in: window, since: t0) == [7])
    }

    @Test("Forgetting the lowest id of items added out of order keeps the others findable")
    func forgettingAfterIdsOutOfOrder() {
        var window = BandKeyWindow()
        window.add(itemID: 10, seenAt: t0, keys: [1 << 40])
        window.add(itemID: 50, seenAt: t0.addingTimeInterval(4 * day), keys: [1 << 40])
        window.add(itemID: 20, seenAt: t0.addingTimeInterval(4 * day), keys: [1 << 40])
        window.forget(before: t0.addingTimeInterval(day))
        #expect(window.count == 2)
        #expect(neighbours([1 << 40], in: window, since: t0) == [20, 50])
    }

    @Test("A window that outgrows its slots still finds every item under each of its keys, and no other")
    func wideningKeepsEveryKey() {
        var window = BandKeyWindow(initialSlotBits: 4, maximumSlotBits: 12)
        var generator = SplitMix(seed: 11)
        var keysOf: [[Int64]] = []
        for id in 0..<1_000 {
            let keys = (0..<3).map { _ in Int64(bitPattern: generator.next()) }
            keysOf.append(keys)
            window.add(itemID: Int64(id), seenAt: t0, keys: keys)
        }
        for id in stride(from: 0, to: 1_000, by: 37) {
            #expect(neighbours([keysOf[id][1]], in: window, since: t0) == [Int64(id)])
        }
        #expect(neighbours([Int64(bitPattern: generator.next())], in: window, since: t0).isEmpty)
    }

    @Test("Items whose keys crowd a few buckets, many to an item, are offered exactly when they share a key's top 28 bits")
    func crowdedBucketsAgreeWithAModel() {
        var window = BandKeyWindow(initialSlotBits: 4, maximumSlotBits: 12)
        var generator = SplitMix(seed: 29)
        // 40 distinct top-28-bit values, each with random low bits: an item's keys often share a bucket, and
        // sometimes their stored bits, which is where searching every key before inserting any could go wrong.
        let tops = (0..<40).map { _ in generator.next() & ~((1 << 36) - 1) }
        var topsOf: [Set<UInt64>] = []
        for id in 0..<600 {
            let keys = (0..<Int(generator.next() % 9 + 1)).map { _ in
                Int64(bitPattern: tops[Int(generator.next() % 40)] | generator.next() & ((1 << 36) - 1))
            }
            let mine = Set(keys.map { UInt64(bitPattern: $0) & ~((1 << 36) - 1) })
            let expected = topsOf.indices.filter { !topsOf[$0].isDisjoint(with: mine) }.map(Int64.init)
            #expect(window.addFindingNeighbours(itemID: Int64(id), seenAt: t0, keys: keys, seenSince: t0) == expected)
            topsOf.append(mine)
        }
        #expect(window.count == 600)
    }

    @Test("An item whose keys collide on their stored bits is not offered to itself, and is offered to the next")
    func anItemIsNotItsOwnNeighbour() {
        var window = BandKeyWindow()
        window.add(itemID: 1, seenAt: t0, keys: [8 << 40])
        // Two keys that differ only below the 28 bits the window compares.
        let colliding: [Int64] = [9 << 40, 9 << 40 | 1]
        #expect(window.addFindingNeighbours(itemID: 2, seenAt: t0, keys: colliding, seenSince: t0).isEmpty)
        #expect(window.addFindingNeighbours(itemID: 3, seenAt: t0, keys: [9 << 40], seenSince: t0) == [2])
        #expect(window.count == 3)
    }

    @Test("A full window forgets its oldest quarter, even within the week")
    func fullWindowForgetsTheOldest() {
        var window = BandKeyWindow(initialSlotBits: 4, maximumSlotBits: 4)
        for id in 1...17 { window.add(itemID: Int64(id), seenAt: t0, keys: [5 << 40, Int64(id) << 48]) }
        #expect(window.count == 13)
        #expect(neighbours([5 << 40], in: window, since: t0) == Array(5...17))
        #expect(neighbours([16 << 48], in: window, since: t0) == [16])
    }

    @Test("A store sharing its file with another folds a copy of a story the other recorded after it read its window")
    func anotherConnectionsKeysAreRead() async throws {
        try await withFreshDatabase(.sqlite) { database in
            let first = try await database.open(declaring: [source("a"), source("b"), source("c")])
            let second = try await database.open()
            // The second store reads its window here, before the story is stored.
            _ = try await second.record(fetch("c", [Releases.agencyStory(1, matches: [match("mer", 2)])]))
            _ = try await first.record(fetch("a", at: t0.addingTimeInterval(1), [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            let copy = try await second.record(
                fetch("b", at: t0.addingTimeInterval(2), [Releases.copy(on: "b", matches: [match("h2", 2)], variant: 1)]))
            #expect(copy.nearDuplicates == 1)
            await first.close()
            await second.close()
        }
    }

    @Test("After a recording that failed and was rolled back, a story recorded again is still found by its copies")
    func failedRecordingLeavesTheWindowRight() async throws {
        try await withFreshDatabase(.sqlite) { database in
            let store = try await database.open(declaring: [source("a"), source("b")])
            let story = fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])])
            await #expect(throws: StorageError.self) { try await store.record([story, fetch("undeclared", [])]) { _, _ in nil } }
            #expect(try await store.record(story).newItems == 1)
            let copy = try await store.record(fetch("b", at: t0.addingTimeInterval(1), [Releases.copy(on: "b", matches: [match("h2", 2)], variant: 1)]))
            #expect(copy.nearDuplicates == 1)
        }
    }
}
