import CSQLite
import Foundation
import Model
import Storage
import Testing

@Suite("Opening the SQLite store")
struct SQLiteStoreOpeningTests {
    @Test("A fresh file is migrated to the latest schema version")
    func freshFileIsMigrated() throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        #expect(try store.schemaVersion == SQLiteStore.latestSchemaVersion)
        #expect(SQLiteStore.latestSchemaVersion >= 1)
        #expect(try store.sourceStates().isEmpty)
    }

    @Test("The database is in WAL mode")
    func walMode() throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try store.syncSources([source("a")], now: t0)
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    @Test("Reopening keeps the data and the schema version")
    func reopeningIsIdempotent() throws {
        let database = try TemporaryDatabase()
        do {
            let store = try database.open()
            try store.syncSources([source("a")], now: t0)
        }
        let reopened = try database.open()
        #expect(try reopened.schemaVersion == SQLiteStore.latestSchemaVersion)
        #expect(try reopened.sourceStates().map(\.name) == ["a"])
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
        #expect(error?.path == database.path)
    }

    @Test("A path in a missing directory fails with the path in the error")
    func unopenableFile() throws {
        let database = try TemporaryDatabase()
        let path = database.directory.appendingPathComponent("missing/veilleur.sqlite").path
        let error = #expect(throws: StorageError.self) { try SQLiteStore(path: path) }
        #expect(error?.path == path)
        #expect(error?.code != nil)
    }
}

@Suite("Sharing the database file")
struct SharedFileTests {
    @Test("Reads see what another connection committed since the previous read")
    func readsAreNotPinnedToAnOldSnapshot() throws {
        let database = try TemporaryDatabase()
        let reader = try database.open()
        let writer = try database.open()
        let horizon = try #require(DigestPeriod("2026-11-30"))
        #expect(try reader.latestDigestPeriods(onOrBefore: horizon)["xr"] == nil)
        try writer.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: [], paths: [], writtenAt: t0)
        #expect(try reader.latestDigestPeriods(onOrBefore: horizon)["xr"] == DigestPeriod("2026-11-26"))
        try writer.commitDigest(profile: "xr", period: "2026-11-27", matchIDs: [], paths: [], writtenAt: t0)
        #expect(try reader.latestDigestPeriods(onOrBefore: horizon)["xr"] == DigestPeriod("2026-11-27"))
    }
}
