import CSQLite
import Foundation
import Model
import Storage
import Testing

@Suite("Opening the SQLite store")
struct SQLiteStoreOpeningTests {
    @Test("A fresh file is migrated to the latest schema version")
    func freshFileIsMigrated() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        #expect(try store.schemaVersion == SQLiteStore.latestSchemaVersion)
        #expect(SQLiteStore.latestSchemaVersion >= 1)
        await #expect(try store.sourceStates().isEmpty)
    }

    @Test("The database is in WAL mode")
    func walMode() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.syncSources([source("a")], now: t0)
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    @Test("Reopening keeps the data and the schema version")
    func reopeningIsIdempotent() async throws {
        let database = try TemporaryDatabase()
        do {
            let store = try database.open()
            try await store.syncSources([source("a")], now: t0)
        }
        let reopened = try database.open()
        #expect(try reopened.schemaVersion == SQLiteStore.latestSchemaVersion)
        await #expect(try reopened.sourceStates().map(\.name) == ["a"])
    }

    @Test("A database from a newer veilleur is refused with a clear error")
    func newerSchemaIsRefused() throws {
        let database = try TemporaryDatabase()
        var handle: OpaquePointer?
        #expect(sqlite3_open(database.path, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "PRAGMA user_version = 999", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)

        let error = #expect(throws: StorageError.self) { try database.open() }
        #expect(error?.description.contains("999") == true)
        #expect(error?.database == database.path)
    }

    @Test("A path in a missing directory fails with the path in the error")
    func unopenableFile() throws {
        let database = try TemporaryDatabase()
        let path = database.directory.appendingPathComponent("missing/veilleur.sqlite").path
        let error = #expect(throws: StorageError.self) { try SQLiteStore(path: path) }
        #expect(error?.database == path)
        #expect(error?.code != nil)
    }
}

@Suite("Opening the SQLite store read-only")
struct ReadOnlyStoreTests {
    /// The bytes of the file at `path`, or nil when it does not exist.
    private func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    @Test("A read-only store reads what a writer stored and refuses every write")
    func readsButNeverWrites() async throws {
        let database = try TemporaryDatabase()
        let writer = try database.open()
        try await writer.syncSources([source("a")], now: t0)
        _ = try await writer.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)])]))

        let reader = try SQLiteStore(path: database.path, access: .readOnly)
        #expect(try reader.schemaVersion == SQLiteStore.latestSchemaVersion)
        await #expect(try reader.findItem("g1")?.source == "a")
        await #expect(try reader.itemSpan(seenSince: t0).count == 1)
        let refusal = await #expect(throws: StorageError.self) {
            try await reader.record(fetch("a", [entry(guid: "g2", link: "https://a.example/2")]))
        }
        #expect(refusal?.kind == .readOnly)
        await #expect(try writer.findItem("g2") == nil)
    }

    @Test("A read-only store does not create a missing database")
    func missingFileIsNotCreated() throws {
        let database = try TemporaryDatabase()
        let error = #expect(throws: StorageError.self) { try SQLiteStore(path: database.path, access: .readOnly) }
        #expect(error?.database == database.path)
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test("A read-only store refuses a database of an older schema and leaves it as it was")
    func olderSchemaIsNotMigrated() throws {
        let database = try TemporaryDatabase()
        var handle: OpaquePointer?
        #expect(sqlite3_open(database.path, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "CREATE TABLE items (id INTEGER PRIMARY KEY); PRAGMA user_version = 1", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)
        let before = bytes(database.path)

        let error = #expect(throws: StorageError.self) { try SQLiteStore(path: database.path, access: .readOnly) }
        #expect(error?.description.contains("schema version 1 is older") == true, "\(String(describing: error))")
        #expect(bytes(database.path) == before)
    }

    @Test("Reading a whole window through a read-only store leaves the database file byte for byte as it was")
    func readingChangesNoByte() async throws {
        let database = try TemporaryDatabase()
        do {
            let writer = try database.open()
            try await writer.syncSources([source("a")], now: t0)
            _ = try await writer.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)])]))
        }
        let before = bytes(database.path)
        #expect(before != nil)
        do {
            let reader = try SQLiteStore(path: database.path, access: .readOnly)
            let span = try await reader.itemSpan(seenSince: t0)
            _ = try await reader.itemPage(seenSince: t0, ids: try #require(span.ids), limit: 10, scoresOf: "xr")
        }
        #expect(bytes(database.path) == before)
        let wal = FileManager.default.contents(atPath: database.path + "-wal")
        #expect(wal == nil || wal?.isEmpty == true, "nothing was written to the write-ahead log")
    }

    @Test("A closed store refuses every call as unavailable, and closing again does nothing")
    func closedStoreRefusesCalls() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.syncSources([Source(name: "a", url: "https://a.example/feed")], now: Date())
        await store.close()
        await store.close()
        let refusal = await #expect(throws: StorageError.self) { try await store.sourceStates() }
        #expect(refusal?.kind == .unavailable)
        let lookup = await #expect(throws: StorageError.self) { try await store.unknownItems([FeedItem(id: "g")], from: "a") }
        #expect(lookup?.kind == .unavailable, "the reading connection is not opened again")
    }
}
