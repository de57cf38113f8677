import Foundation
import Model
import Storage
import Testing

/// A source whose GUIDs change at every fetch must not add more than its daily cap of new items.
@Suite("The daily cap of new items per source")
struct DailyCapTests {
    static func items(_ prefix: String, _ count: Int) -> [ItemWithMatches] {
        (0..<count).map { entry(guid: "urn:\(prefix):\($0)", link: "https://a.example/\(prefix)/\($0)", matches: [match("p", 1)]) }
    }

    @Test(
        "new items beyond the cap are left out and counted; items already stored do not count against it",
        arguments: StoreBackend.allCases)
    func capLeavesOutTheRest(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var first = fetch("a", Self.items("x", 3))
            first.dailyNewItemCap = 5
            await #expect(try store.record(first) == RecordSummary(newItems: 3, newMatches: 3))

            var second = fetch("a", at: t0.addingTimeInterval(600), Self.items("x", 3) + Self.items("y", 4))
            second.dailyNewItemCap = 5
            await #expect(try store.record(second) == RecordSummary(newItems: 2, newMatches: 2, itemsOverCap: 2))
        }
    }

    @Test("the cap counts the last 24 hours: a day later the source may add items again", arguments: StoreBackend.allCases)
    func capSlidesWithTime(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var first = fetch("a", Self.items("x", 4))
            first.dailyNewItemCap = 2
            await #expect(try store.record(first).itemsOverCap == 2)
            var later = fetch("a", at: t0.addingTimeInterval(86_400 + 1), Self.items("x", 4))
            later.dailyNewItemCap = 2
            await #expect(try store.record(later) == RecordSummary(newItems: 2, newMatches: 2))
        }
    }

    @Test("another source's items do not count against a source's cap", arguments: StoreBackend.allCases)
    func capIsPerSource(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], now: t0)
            _ = try await store.record(fetch("b", Self.items("b", 5)))
            var capped = fetch("a", Self.items("a", 2))
            capped.dailyNewItemCap = 2
            await #expect(try store.record(capped).newItems == 2)
        }
    }
}
