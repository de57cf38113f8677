import Foundation
import Model
import PostgresNIO
import PostgresTestSupport
import Storage
import Testing

@Suite("Opening the PostgreSQL store")
struct PostgresStoreOpeningTests {
    private func open(_ database: FreshDatabase, access: StoreAccess = .readWrite) async throws -> PostgresStore {
        try #require(try await database.open(access: access) as? PostgresStore)
    }

    @Test("A new database is migrated to the latest schema version, each migration recorded once")
    func freshDatabaseIsMigrated() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let store = try await open(database)
            #expect(try await store.schemaVersion() == PostgresStore.latestSchemaVersion)
            #expect(PostgresStore.latestSchemaVersion >= 1)
            let applied = try await PostgresTestServer.administer(database.location, "SELECT count(*) FROM veilleur_schema_version")
            #expect(applied == Int64(PostgresStore.latestSchemaVersion))
            await #expect(try store.sourceStates().isEmpty)
        }
    }

    @Test("Reopening keeps the data and the schema version")
    func reopeningKeepsTheData() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let first = try await open(database)
            try await first.syncSources([source("a")], now: t0)
            await first.close()
            let reopened = try await open(database)
            #expect(try await reopened.schemaVersion() == PostgresStore.latestSchemaVersion)
            await #expect(try reopened.sourceStates().map(\.name) == ["a"])
        }
    }

    @Test("Stores opening a new database at once migrate it once, the others waiting for the first")
    func concurrentOpeningsMigrateOnce() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await open(database).schemaVersion() }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(versions == Array(repeating: PostgresStore.latestSchemaVersion, count: 4))
            let applied = try await PostgresTestServer.administer(database.location, "SELECT count(*) FROM veilleur_schema_version")
            #expect(applied == Int64(PostgresStore.latestSchemaVersion))
            let tables = try await PostgresTestServer.administer(
                database.location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'items'")
            #expect(tables == 1)
        }
    }

    @Test("A database from a newer veilleur is refused with a clear error, read-write or read-only")
    func newerSchemaIsRefused() async throws {
        try await withFreshDatabase(.postgresql) { database in
            try await open(database).close()
            try await PostgresTestServer.administer(database.location, "INSERT INTO veilleur_schema_version (version) VALUES (999)")
            for access in [StoreAccess.readWrite, .readOnly] {
                let error = await #expect(throws: StorageError.self) { try await database.open(access: access) }
                #expect(error?.kind == .schemaVersion)
                #expect(error?.message.contains("999") == true, "\(String(describing: error))")
                #expect(error?.database == database.location.description)
            }
        }
    }

    @Test("A read-only store refuses a database veilleur never wrote to, and creates nothing in it")
    func readOnlyNeedsASchema() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let error = await #expect(throws: StorageError.self) { try await database.open(access: .readOnly) }
            #expect(error?.kind == .schemaVersion)
            #expect(error?.message.contains("never wrote") == true, "\(String(describing: error))")
            let tables = try await PostgresTestServer.administer(database.location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            #expect(tables == 0)
        }
    }

    @Test("A read-only store reads what a writer stored and refuses every write")
    func readOnlyRefusesWrites() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let writer = try await database.open(declaring: [source("a")])
            _ = try await writer.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)])]))

            let reader = try await open(database, access: .readOnly)
            #expect(try await reader.schemaVersion() == PostgresStore.latestSchemaVersion)
            await #expect(try reader.findItem("g1")?.source == "a")
            await #expect(try reader.itemSpan(seenSince: t0).count == 1)
            let refusal = await #expect(throws: StorageError.self) {
                try await reader.record(fetch("a", [entry(guid: "g2", link: "https://a.example/2")]))
            }
            #expect(refusal?.kind == .readOnly)
            #expect(refusal?.code == "SQLSTATE 25006")
            let sync = await #expect(throws: StorageError.self) { try await reader.syncSources([source("b")], now: t0) }
            #expect(sync?.kind == .readOnly)
            await #expect(try writer.findItem("g2") == nil)
            await #expect(try writer.sourceStates().map(\.name) == ["a"])
        }
    }

    @Test("A closed store refuses later calls as unavailable, and closing it again does nothing")
    func closedStoreRefusesCalls() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let store = try await database.open()
            await store.close()
            let error = await #expect(throws: StorageError.self) { try await store.sourceStates() }
            #expect(error?.kind == .unavailable)
            await store.close()
        }
    }
}

@Suite("Reaching the PostgreSQL server")
struct PostgresReachTests {
    @Test("A server that does not answer fails at open as unavailable, the password masked")
    func unreachableServer() async throws {
        try await withFreshDatabase(.postgresql) { database in
            var location = database.location
            location.port = 1
            location.password = "s3cr3t-value"
            let error = await #expect(throws: StorageError.self) { try await PostgresStore.open(location) }
            #expect(error?.kind == .unavailable)
            #expect(error?.operation == "open")
            #expect(error?.database == location.description)
            #expect(error?.description.contains("s3cr3t") == false)
        }
    }

    @Test("A database that does not exist fails at open as unavailable, with the server's words and the password masked")
    func missingDatabase() async throws {
        try await withFreshDatabase(.postgresql) { database in
            var location = database.location
            location.database += "_missing"
            location.password = "s3cr3t-value"
            let error = await #expect(throws: StorageError.self) { try await PostgresStore.open(location) }
            #expect(error?.kind == .unavailable)
            #expect(error?.code == "SQLSTATE 3D000")
            #expect(error?.message.contains("does not exist") == true, "\(String(describing: error))")
            #expect(error?.description.contains("s3cr3t") == false)
            #expect(error?.database.contains(":***@") == true)
        }
    }

    @Test("A write waiting for a lock longer than the busy timeout fails as busy, and stores nothing")
    func lockWaitFailsAsBusy() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let store = try await PostgresStore.open(database.location, busyTimeout: .milliseconds(200))
            try await store.syncSources([source("a")], now: t0)
            try await PostgresTestServer.withConnection(to: database.location) { holder in
                try await holder.query("BEGIN", logger: PostgresTestServer.logger)
                try await holder.query("UPDATE sources SET etag = 'held' WHERE name = 'a'", logger: PostgresTestServer.logger)
                let error = await #expect(throws: StorageError.self) {
                    try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1")]))
                }
                #expect(error?.kind == .busy)
                #expect(error?.code == "SQLSTATE 55P03")
                try await holder.query("ROLLBACK", logger: PostgresTestServer.logger)
            }
            await #expect(try store.findItem("g1") == nil)
            await store.close()
        }
    }

    @Test("A recording waiting for another daemon's recording (the fold lock) waits past the busy timeout instead of failing")
    func foldLockWaitOutlastsTheBusyTimeout() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let store = try await PostgresStore.open(database.location, busyTimeout: .milliseconds(200))
            try await store.syncSources([source("a")], now: t0)
            try await PostgresTestServer.withConnection(to: database.location) { holder in
                // What another daemon's recording holds: the transaction lock on "fold" (0x666F6C64).
                try await holder.query("SELECT pg_advisory_lock(1718578276)", logger: PostgresTestServer.logger)
                let recording = Task { try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 4)])])) }
                // The recording is queued once PostgreSQL shows its advisory lock request not granted.
                let deadline = Date().addingTimeInterval(60)
                var waiting = false
                while !waiting && Date() < deadline {
                    let rows = try await holder.query(
                        "SELECT count(*)::bigint FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", logger: PostgresTestServer.logger)
                    for try await count in rows.decode(Int64.self) { waiting = count > 0 }
                    if !waiting { await Task.yield() }
                }
                #expect(waiting, "the recording never asked for the fold lock")
                // Past the busy timeout: a recording that still applied it would fail now.
                try await Task.sleep(for: .milliseconds(600))
                try await holder.query("SELECT pg_advisory_unlock(1718578276)", logger: PostgresTestServer.logger)
                let summary = try await recording.value
                #expect(summary.newItems == 1)
            }
            await store.close()
        }
    }
}

@Suite("Several PostgreSQL stores writing at once")
struct PostgresConcurrencyTests {
    @Test("Copies of one story recorded at the same moment by two stores become one story")
    func concurrentCopiesFold() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let first = try await database.open(declaring: [source("a"), source("b")])
            let second = try await database.open()
            async let fromA = first.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 4)])]))
            async let fromB = second.record(fetch("b", [Releases.copy(on: "b", matches: [match("h2", 3)], variant: 3)]))
            let summaries = try await [fromA, fromB]
            #expect(summaries.map(\.newItems) == [1, 1])
            #expect(summaries.map(\.nearDuplicates).sorted() == [0, 1])
            let selection = try await first.digestSelection(profile: "h2", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(1), limit: 10)
            #expect(selection.entryCount == 1)
            #expect(selection.candidates.first?.copies.count == 1)
        }
    }

    @Test("One item recorded at the same moment by two stores is stored once, the later one adding its matches")
    func concurrentItemIsStoredOnce() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let first = try await database.open(declaring: [source("a"), source("b")])
            let second = try await database.open()
            let fromXR = fetch("a", [entry(guid: "urn:uuid:shared", link: "https://news.example/1", matches: [match("xr", 2)])])
            let fromIA = fetch("b", [entry(guid: "urn:uuid:shared", link: "https://news.example/1", matches: [match("ia", 2)])])
            async let fromA = first.record(fromXR)
            async let fromB = second.record(fromIA)
            let summaries = try await [fromA, fromB]
            #expect(summaries.map(\.newItems).sorted() == [0, 1])
            #expect(summaries.map(\.newMatches) == [1, 1])
            await #expect(try first.activity(since: t0).totalItems == 1)
        }
    }

    @Test("Dates beyond PostgreSQL's range are held at its limits instead of failing the fetch")
    func datesOutOfRangeAreClamped() async throws {
        try await withFreshDatabase(.postgresql) { database in
            let store = try await database.open(declaring: [source("a")])
            let far = FeedItem(id: "far", title: "Loin", link: "https://a.example/far", published: Date(timeIntervalSince1970: 1e15))
            let early = FeedItem(id: "early", title: "Tôt", link: "https://a.example/early", published: Date(timeIntervalSince1970: -1e15))
            let summary = try await store.record(fetch("a", [ItemWithMatches(item: far), ItemWithMatches(item: early)]))
            #expect(summary.newItems == 2)
            let farPublished = try #require(try await store.findItem("far")?.item.published)
            let earlyPublished = try #require(try await store.findItem("early")?.item.published)
            #expect(farPublished > Date(timeIntervalSince1970: 9e12))
            #expect(earlyPublished < Date(timeIntervalSince1970: -2e11))
        }
    }
}
