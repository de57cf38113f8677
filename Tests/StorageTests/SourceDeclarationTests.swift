import Foundation
import Model
import Storage
import Testing

@Suite("Declared sources: a source is retired only when no live daemon declares it")
struct SourceDeclarationTests {
    private func retired(_ store: any Store) async throws -> [String] {
        try await store.sourceStates().filter(\.retired).map(\.name)
    }

    @Test("A source one live daemon still declares is not retired when another daemon drops it", arguments: StoreBackend.allCases)
    func liveDeclarationKeepsASource(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "h1:/s", owner: "h1:/s:1", liveSince: t0 - 600, now: t0)
            try await store.syncSources([source("a"), source("b")], declaredBy: "h2:/s", owner: "h2:/s:1", liveSince: t0 - 600, now: t0 + 1)
            try await store.syncSources([source("a")], declaredBy: "h2:/s", owner: "h2:/s:1", liveSince: t0 - 599, now: t0 + 2)
            #expect(try await retired(store).isEmpty)
            try await store.syncSources([source("a")], declaredBy: "h1:/s", owner: "h1:/s:1", liveSince: t0 - 598, now: t0 + 3)
            #expect(try await retired(store) == ["b"])
        }
    }

    @Test("A daemon not heard from within the bound no longer keeps its sources", arguments: StoreBackend.allCases)
    func silentDaemonStopsCounting(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "killed", owner: "killed:1", liveSince: t0 - 600, now: t0)
            try await store.syncSources([source("a")], declaredBy: "alive", owner: "alive:1", liveSince: t0 - 300, now: t0 + 300)
            #expect(try await retired(store).isEmpty)
            try await store.keepAlive(member: "alive", owner: "alive:1:x", now: t0 + 500, until: t0 + 1100)
            try await store.syncSources([source("a")], declaredBy: "alive", owner: "alive:1", liveSince: t0 + 1, now: t0 + 601)
            #expect(try await retired(store) == ["b"])
        }
    }

    @Test("Keeping alive keeps a daemon's declaration live", arguments: StoreBackend.allCases)
    func keepAliveKeepsTheDeclaration(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "quiet", owner: "quiet:1", liveSince: t0 - 600, now: t0)
            try await store.keepAlive(member: "quiet", owner: "quiet:1:x", now: t0 + 500, until: t0 + 1100)
            try await store.syncSources([source("a")], declaredBy: "other", owner: "other:1", liveSince: t0 + 1, now: t0 + 601)
            #expect(try await retired(store).isEmpty)
        }
    }

    @Test("A daemon that leaves no longer keeps its sources", arguments: StoreBackend.allCases)
    func leavingDaemonStopsCounting(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "leaving", owner: "leaving:1", liveSince: t0 - 600, now: t0)
            try await store.leave(member: "leaving", owner: "leaving:1:x", now: t0 + 1)
            try await store.syncSources([source("a")], declaredBy: "staying", owner: "staying:1", liveSince: t0 - 600, now: t0 + 2)
            #expect(try await retired(store) == ["b"])
        }
    }

    @Test("One daemon alone retires what it no longer declares at once, across restarts, as before clusters", arguments: StoreBackend.allCases)
    func oneDaemonAloneBehavesAsBefore(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "host:/state", owner: "host:/state:1", liveSince: t0 - 600, now: t0)
            // A restart (the same host and state folder) replaces the declaration instead of adding one.
            try await store.syncSources([source("a")], declaredBy: "host:/state", owner: "host:/state:2", liveSince: t0 - 599, now: t0 + 1)
            #expect(try await retired(store) == ["b"])
            try await store.syncSources([source("a"), source("b")], declaredBy: "host:/state", owner: "host:/state:3", liveSince: t0 - 598, now: t0 + 2)
            #expect(try await retired(store).isEmpty)
        }
    }

    @Test("Retiring by name retires at once whatever daemons declare, reports unknown names and the daemons that listed it", arguments: StoreBackend.allCases)
    func explicitRetire(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], declaredBy: "h1", owner: "h1:1", liveSince: t0 - 600, now: t0)
            try await store.syncSources([source("a"), source("b")], declaredBy: "h2", owner: "h2:1", liveSince: t0 - 600, now: t0)
            let retirement = try await store.retireSources(["b", "nope"], liveSince: t0 - 600)
            #expect(retirement == SourceRetirement(retired: ["b"], unknown: ["nope"], declaredBy: ["b": ["h1", "h2"]]))
            #expect(try await retired(store) == ["b"])
            // Another daemon's sync does not bring it back; a daemon declaring it again does.
            try await store.syncSources([source("a")], declaredBy: "h3", owner: "h3:1", liveSince: t0 - 600, now: t0 + 1)
            #expect(try await retired(store) == ["b"])
            try await store.syncSources([source("a"), source("b")], declaredBy: "h1", owner: "h1:1", liveSince: t0 - 600, now: t0 + 2)
            #expect(try await retired(store).isEmpty)
        }
    }

    @Test("A retired source cannot be claimed, and retiring one releases its lease", arguments: StoreBackend.allCases)
    func retiredSourceIsNotClaimed(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            _ = try await store.claimSources(among: ["a"], owner: "one", now: t0, until: t0 + 600, limit: 10)
            _ = try await store.retireSources(["a"], liveSince: t0)
            #expect(try await store.claimSources(among: ["a"], owner: "two", now: t0, until: t0 + 600, limit: 10).isEmpty)
        }
    }
}
