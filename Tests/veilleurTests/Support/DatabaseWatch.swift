import CSQLite

/// A read-only connection a test keeps open on a database while a command runs, to tell whether the
/// command committed anything: SQLite's `data_version` changes for a connection when another one commits.
/// Being open, it also keeps the command's connection from being the last one, so a write would stay in
/// the write-ahead log instead of being checkpointed away.
final class DatabaseWatch {
    private let db: OpaquePointer

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw Failure(description: "cannot open \(path)")
        }
        db = handle
    }

    deinit { sqlite3_close_v2(db) }

    /// `PRAGMA data_version` as this connection sees it now.
    func dataVersion() throws -> Int64 {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK, sqlite3_step(statement) == SQLITE_ROW else {
            sqlite3_finalize(statement)
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        return sqlite3_column_int64(statement, 0)
    }
}
