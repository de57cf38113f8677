import Foundation
import Model
import Storage
import Testing

@Suite("Where a source has moved")
struct EffectiveURLTests {
    @Test("A permanent move is stored apart from the configured URL and survives a 304 and a failure", arguments: StoreBackend.allCases)
    func moveIsStoredApart(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var moved = fetch("a", outcome: .modified(etag: nil, lastModified: nil))
            moved.movedTo = "https://b.example/feed.xml"
            _ = try await store.record(moved)
            _ = try await store.record(fetch("a", outcome: .notModified))
            _ = try await store.record(fetch("a", outcome: .failed(reason: "HTTP 500")))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.url == source("a").url)
            #expect(state.effectiveURL == "https://b.example/feed.xml")
            #expect(state.fetchURL(configured: source("a").url) == "https://b.example/feed.xml")
        }
    }

    @Test("Editing the configured URL drops the effective URL; syncing the same URL keeps it", arguments: StoreBackend.allCases)
    func editingTheURLDropsTheMove(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var moved = fetch("a", outcome: .modified(etag: nil, lastModified: nil))
            moved.movedTo = "https://b.example/feed.xml"
            _ = try await store.record(moved)
            try await store.syncSources([source("a")], now: t0)
            await #expect(try store.sourceStates().first?.effectiveURL == "https://b.example/feed.xml")

            try await store.syncSources([source("a", "https://a.example/edited.xml")], now: t0)
            let state = try await #require(try store.sourceStates().first)
            #expect(state.effectiveURL == nil)
            #expect(state.fetchURL(configured: "https://a.example/edited.xml") == "https://a.example/edited.xml")
        }
    }

    @Test("A stored move is not followed for a configured URL the store has not synced yet", arguments: StoreBackend.allCases)
    func moveBelongsToItsURL(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var moved = fetch("a", outcome: .notModified)
            moved.movedTo = "https://b.example/feed.xml"
            _ = try await store.record(moved)
            let state = try await #require(try store.sourceStates().first)
            #expect(state.fetchURL(configured: "https://a.example/edited.xml") == "https://a.example/edited.xml")
        }
    }
}
