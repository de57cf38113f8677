import Foundation
import Model
import Storage
import Testing

@Suite("Synchronising declared sources")
struct SourceSyncTests {
    @Test("New sources are inserted and due immediately", arguments: StoreBackend.allCases)
    func newSourcesAreDueNow(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("b"), source("a")], now: t0)
            let states = try await store.sourceStates()
            #expect(states.map(\.name) == ["a", "b"])
            #expect(states.allSatisfy { $0.nextDueAt == t0 && !$0.retired && $0.consecutiveFailures == 0 && $0.lastStatus == nil })
        }
    }

    @Test("A source missing from the declaration is retired, and un-retired when it returns", arguments: StoreBackend.allCases)
    func retirementFollowsDeclaration(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], now: t0)
            try await store.syncSources([source("a")], now: t0)
            await #expect(try store.sourceStates().map(\.retired) == [false, true])
            try await store.syncSources([source("a"), source("b")], now: t0)
            await #expect(try store.sourceStates().map(\.retired) == [false, false])
        }
    }

    @Test("A changed URL is updated and drops the old validators; the schedule is kept", arguments: StoreBackend.allCases)
    func changedURLDropsValidators(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            _ = try await store.record(fetch("a", outcome: .modified(etag: "\"x\"", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT")))
            try await store.syncSources([source("a", "https://a.example/other.xml")], now: t0.addingTimeInterval(60))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.url == "https://a.example/other.xml")
            #expect(state.etag == nil && state.lastModified == nil)
            #expect(state.nextDueAt == t0.addingTimeInterval(3600))
        }
    }

    @Test("An unchanged URL keeps the validators", arguments: StoreBackend.allCases)
    func unchangedURLKeepsValidators(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            _ = try await store.record(fetch("a", outcome: .modified(etag: "\"x\"", lastModified: nil)))
            try await store.syncSources([source("a")], now: t0)
            await #expect(try store.sourceStates().first?.etag == "\"x\"")
        }
    }
}

extension SourceSyncTests {
    @Test(
        "URLs are stored with their credentials masked, and an error stored with them in clear is masked at the next sync",
        arguments: StoreBackend.allCases)
    func credentialsAreMasked(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            let url = "https://reader:hunter22@a.example/feed.xml?access_token=abcd1234"
            try await store.syncSources([source("a", url)], now: t0)
            _ = try await store.record(fetch("a", outcome: .failed(reason: "GET \(url) → timeout: reader:hunter22 and abcd1234")))
            try await store.syncSources([source("a", url)], now: t0)
            let state = try await #require(try store.sourceStates().first)
            #expect(state.url == "https://***@a.example/feed.xml?access_token=***")
            let error = try #require(state.lastError)
            #expect(!error.contains("hunter22") && !error.contains("abcd1234"))
            #expect(error.contains("timeout"))
        }
    }
}
