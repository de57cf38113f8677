import Foundation
import Model
import Storage
import Testing

@Suite("Source leases: a due source is handed to one daemon at a time")
struct SourceLeaseTests {
    private let lease: TimeInterval = 600

    private func names(_ states: [SourceState]) -> [String] { states.map(\.name) }

    @Test("A claim hands out due, declared sources earliest due first, at most the limit, and leases them", arguments: StoreBackend.allCases)
    func claimHandsOutDueSources(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b"), source("c"), source("d")], now: t0)
            _ = try await store.record(fetch("d"))  // due an hour later
            let first = try await store.claimSources(among: ["a", "b", "c", "d"], owner: "one", now: t0, until: t0 + lease, limit: 2)
            #expect(names(first) == ["a", "b"])
            let second = try await store.claimSources(among: ["a", "b", "c", "d"], owner: "two", now: t0, until: t0 + lease, limit: 10)
            #expect(names(second) == ["c"])
        }
    }

    @Test("Only the names asked for are claimed, and never a retired source", arguments: StoreBackend.allCases)
    func claimKeepsToTheNamesAskedFor(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b"), source("c")], now: t0)
            _ = try await store.retireSources(["c"], liveSince: t0)
            let claimed = try await store.claimSources(among: ["b", "c", "z"], owner: "one", now: t0, until: t0 + lease, limit: 10)
            #expect(names(claimed) == ["b"])
        }
    }

    @Test("Two stores on one database (for SQLite, one file) claiming concurrently never get the same source", arguments: StoreBackend.allCases)
    func concurrentClaimsNeverOverlap(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let setup = try await database.open()
            let all = (0..<300).map { String(format: "s%03d", $0) }
            try await setup.syncSources(all.map { source($0) }, now: t0)
            let stores = [try await database.open(), try await database.open()]
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        var mine: [String] = []
                        while case let batch = try await store.claimSources(
                            among: all, owner: "daemon-\(index)", now: t0, until: t0 + 600, limit: 7), !batch.isEmpty {
                            mine += batch.map(\.name)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let handedOut = claims.flatMap { $0 }
            #expect(handedOut.count == all.count)
            #expect(Set(handedOut) == Set(all))
        }
    }

    @Test("An expired lease is taken over by another owner; an unexpired one is not", arguments: StoreBackend.allCases)
    func expiredLeaseIsTakenOver(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            #expect(names(try await store.claimSources(among: ["a"], owner: "killed", now: t0, until: t0 + 60, limit: 10)) == ["a"])
            #expect(try await store.claimSources(among: ["a"], owner: "other", now: t0 + 59, until: t0 + 119, limit: 10).isEmpty)
            #expect(names(try await store.claimSources(among: ["a"], owner: "other", now: t0 + 60, until: t0 + 120, limit: 10)) == ["a"])
        }
    }

    @Test("Recording a fetch releases its source's lease", arguments: StoreBackend.allCases)
    func recordReleases(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            _ = try await store.claimSources(among: ["a"], owner: "one", now: t0, until: t0 + lease, limit: 10)
            var failed = fetch("a", outcome: .failed(reason: "timeout"))
            failed.nextDueAt = t0  // due again at once: only the lease could keep it from a claim
            _ = try await store.record(failed)
            #expect(names(try await store.claimSources(among: ["a"], owner: "two", now: t0, until: t0 + lease, limit: 10)) == ["a"])
        }
    }

    @Test("Releasing an owner's leases leaves its sources due for anyone at once, and no one else's", arguments: StoreBackend.allCases)
    func releaseFreesOnlyTheOwnersLeases(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], now: t0)
            _ = try await store.claimSources(among: ["a"], owner: "stopping", now: t0, until: t0 + lease, limit: 10)
            _ = try await store.claimSources(among: ["b"], owner: "working", now: t0, until: t0 + lease, limit: 10)
            try await store.releaseSources(owner: "stopping")
            #expect(names(try await store.claimSources(among: ["a", "b"], owner: "third", now: t0, until: t0 + lease, limit: 10)) == ["a"])
        }
    }

    @Test("Keeping alive extends the owner's unexpired leases, so they outlast their first term", arguments: StoreBackend.allCases)
    func keepAliveExtendsLeases(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], now: t0)
            _ = try await store.claimSources(among: ["a", "b"], owner: "one", now: t0, until: t0 + 60, limit: 10)
            try await store.keepAlive(member: "local", owner: "one", now: t0 + 30, until: t0 + 90)
            #expect(try await store.claimSources(among: ["a", "b"], owner: "two", now: t0 + 80, until: t0 + 140, limit: 10).isEmpty)
            #expect(names(try await store.claimSources(among: ["a", "b"], owner: "two", now: t0 + 90, until: t0 + 150, limit: 10)) == ["a", "b"])
        }
    }

    @Test("A leaving daemon's leases are released", arguments: StoreBackend.allCases)
    func leaveReleases(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], declaredBy: "host:/state", owner: "host:/state:1", liveSince: t0, now: t0)
            _ = try await store.claimSources(among: ["a"], owner: "host:1:x", now: t0, until: t0 + lease, limit: 10)
            try await store.leave(member: "host:/state", owner: "host:1:x", now: t0)
            #expect(names(try await store.claimSources(among: ["a"], owner: "other", now: t0, until: t0 + lease, limit: 10)) == ["a"])
        }
    }

    @Test("A claim with no names or a limit of zero hands out nothing", arguments: StoreBackend.allCases)
    func emptyClaims(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            #expect(try await store.claimSources(among: [], owner: "one", now: t0, until: t0 + lease, limit: 10).isEmpty)
            #expect(try await store.claimSources(among: ["a"], owner: "one", now: t0, until: t0 + lease, limit: 0).isEmpty)
        }
    }
}

extension SourceLeaseTests {
    @Test("The next claim time is a source's due time, or the end of a lease that holds it; retired sources do not count", arguments: StoreBackend.allCases)
    func nextClaimTime(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            #expect(try await store.nextClaimTime(among: ["a"]) == nil)
            try await store.syncSources([source("a"), source("b"), source("c")], now: t0)
            _ = try await store.record(fetch("b"))  // due at t0 + 3600
            _ = try await store.retireSources(["c"], liveSince: t0)
            _ = try await store.claimSources(among: ["a"], owner: "other", now: t0, until: t0 + 600, limit: 10)
            #expect(try await store.nextClaimTime(among: ["a", "b", "c"]) == t0 + 600)
            #expect(try await store.nextClaimTime(among: ["b", "c"]) == t0 + 3600)
            try await store.releaseSources(owner: "other")
            #expect(try await store.nextClaimTime(among: ["a", "b"]) == t0)
        }
    }
}

extension SourceLeaseTests {
    @Test("A daemon restarted in the same place takes back at once the sources and digest period its killed predecessor held", arguments: StoreBackend.allCases)
    func restartTakesBackThePredecessorsLeases(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], declaredBy: "host:/state", owner: "host:10:x", liveSince: t0 - 600, now: t0)
            _ = try await store.claimSources(among: ["a"], owner: "host:10:x", now: t0, until: t0 + 600, limit: 10)
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "host:10:x", now: t0, until: t0 + 600, again: false)
            // Another daemon's leases are not its to release.
            try await store.syncSources([source("a")], declaredBy: "other:/state", owner: "other:20:y", liveSince: t0 - 600, now: t0 + 1)
            #expect(try await store.claimSources(among: ["a"], owner: "other:20:y", now: t0 + 1, until: t0 + 601, limit: 10).isEmpty)
            try await store.syncSources([source("a")], declaredBy: "host:/state", owner: "host:11:z", liveSince: t0 - 600, now: t0 + 2)
            #expect(names(try await store.claimSources(among: ["a"], owner: "host:11:z", now: t0 + 2, until: t0 + 602, limit: 10)) == ["a"])
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "host:11:z", now: t0 + 2, until: t0 + 602, again: false) == .granted)
        }
    }
}

extension SourceLeaseTests {
    @Test("Several stores opening a new SQLite file at once all open it, its schema created once")
    func concurrentFirstOpensMigrateOnce() async throws {
        let database = try TemporaryDatabase()
        let path = database.path
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try SQLiteStore(path: path).schemaVersion }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(versions == Array(repeating: SQLiteStore.latestSchemaVersion, count: 8))
    }
}
