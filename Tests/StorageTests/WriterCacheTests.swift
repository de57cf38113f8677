import Foundation
import Model
import Testing

@testable import Storage

/// The writing connection's page cache grows with the profiles a recording matches, and only grows.
@Suite struct WriterCacheTests {
    /// The writing connection's `cache_size`, in KiB.
    private func cacheKiB(_ store: SQLiteStore) throws -> Int64 {
        try store.locked { db throws(StorageError) in
            try db.withStatement("PRAGMA cache_size", operation: "read cache size") { pragma throws(StorageError) in
                _ = try pragma.step()
                return -pragma.int64(0)
            }
        }
    }

    private func matches(_ count: Int) -> [Match] {
        (0..<count).map { match("p\($0)", 5) }
    }

    @Test("a recording that matches many profiles grows the cache by their number, and a smaller one leaves it")
    func growsWithProfiles() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.syncSources([source("a")], now: t0)
        #expect(try cacheKiB(store) == Int64(SQLiteStore.baseCacheKiB))

        _ = try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: matches(300))]))
        let grown = Int64(SQLiteStore.baseCacheKiB + 300 * SQLiteStore.cacheKiBPerProfile)
        #expect(try cacheKiB(store) == grown)

        _ = try await store.record(fetch("a", at: t0.addingTimeInterval(60), [
            entry(guid: "g2", link: "https://a.example/2", matches: matches(10)),
        ]))
        #expect(try cacheKiB(store) == grown)
    }

    @Test("however many profiles a recording matches, the cache stays within its bound")
    func bounded() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.syncSources([source("a")], now: t0)
        let profiles = SQLiteStore.maximumCacheKiB / SQLiteStore.cacheKiBPerProfile + 100
        let summary = try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: matches(profiles))]))
        #expect(summary.newMatches == profiles)
        #expect(try cacheKiB(store) == Int64(SQLiteStore.maximumCacheKiB))
    }
}
