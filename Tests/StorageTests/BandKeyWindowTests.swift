import Foundation
import Model
import SeededRandom
import Testing

@testable import Storage

@Suite("Band keys of the near-duplicate window in memory")
struct BandKeyWindowTests {
    private let day: TimeInterval = 86_400

    @Test("Items sharing a key are offered once each, in ascending id, and an item sharing none is not")
    func sharedKeysAreFound() {
        var window = BandKeyWindow()
        window.add(itemID: 3, seenAt: t0, keys: [10 << 40, 11 << 40, 12 << 40])
        window.add(itemID: 5, seenAt: t0, keys: [12 << 40, 13 << 40])
        window.add(itemID: 9, seenAt: t0, keys: [11 << 40, 12 << 40, 14 << 40])
        window.add(itemID: 12, seenAt: t0, keys: [99 << 40])
        #expect(window.items(sharingAnyOf: [12 << 40, 11 << 40, 11 << 40], seenSince: t0) == [3, 5, 9])
        #expect(window.items(sharingAnyOf: [13 << 40], seenSince: t0) == [5])
        #expect(window.items(sharingAnyOf: [42 << 40], seenSince: t0).isEmpty)
        #expect(window.lastItemID == 12)
    }

    @Test("Keys at the ends of the key space, negative ones included, are found", arguments: [Int64.min, -1, 0, 1, Int64.max])
    func extremeKeys(key: Int64) {
        var window = BandKeyWindow()
        window.add(itemID: 1, seenAt: t0, keys: [key])
        window.add(itemID: 2, seenAt: t0, keys: [key ^ (1 << 40)])
        #expect(window.items(sharingAnyOf: [key], seenSince: t0) == [1])
    }

    @Test("An item first seen before the window's start is not offered")
    func oldItemsAreSkipped() {
        var window = BandKeyWindow()
        window.add(itemID: 1, seenAt: t0, keys: [7 << 40])
        window.add(itemID: 2, seenAt: t0.addingTimeInterval(day), keys: [7 << 40])
        #expect(window.items(sharingAnyOf: [7 << 40], seenSince: t0.addingTimeInterval(1)) == [2])
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
        #expect(window.items(sharingAnyOf: [3 << 40], seenSince: t0) == [53, 63, 73, 83, 93])
        #expect(window.items(sharingAnyOf: [77 << 48], seenSince: t0) == [77])
        #expect(window.items(sharingAnyOf: [7 << 48], seenSince: t0).isEmpty)
        window.add(itemID: 101, seenAt: t0.addingTimeInterval(101 * day), keys: [3 << 40])
        #expect(window.items(sharingAnyOf: [3 << 40], seenSince: t0) == [53, 63, 73, 83, 93, 101])
    }

    @Test("A few expired items are kept until they are a quarter of the window, and are not offered meanwhile")
    func forgettingWaitsForAQuarter() {
        var window = BandKeyWindow()
        for id in 1...10 { window.add(itemID: Int64(id), seenAt: t0.addingTimeInterval(Double(id) * day), keys: [5 << 40]) }
        window.forget(before: t0.addingTimeInterval(2.5 * day))
        #expect(window.count == 10)
        #expect(window.items(sharingAnyOf: [5 << 40], seenSince: t0.addingTimeInterval(2.5 * day)) == Array(3...10))
        window.forget(before: t0.addingTimeInterval(3.5 * day))
        #expect(window.count == 7)
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
            #expect(window.items(sharingAnyOf: [keysOf[id][1]], seenSince: t0) == [Int64(id)])
        }
        #expect(window.items(sharingAnyOf: [Int64(bitPattern: generator.next())], seenSince: t0).isEmpty)
    }

    @Test("A full window forgets its oldest quarter, even within the week")
    func fullWindowForgetsTheOldest() {
        var window = BandKeyWindow(initialSlotBits: 3, maximumSlotBits: 4)
        for id in 1...17 { window.add(itemID: Int64(id), seenAt: t0, keys: [5 << 40, Int64(id) << 48]) }
        #expect(window.count == 13)
        #expect(window.items(sharingAnyOf: [5 << 40], seenSince: t0) == Array(5...17))
        #expect(window.items(sharingAnyOf: [16 << 48], seenSince: t0) == [16])
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
