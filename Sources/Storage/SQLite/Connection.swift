import CSQLite
import Logging

/// SQLite's memory statistics, which serialise every allocation of every connection on one global mutex,
/// turned off once for the process, before the first connection initialises SQLite. Nothing here reads them.
private let memoryStatisticsOff: Void = {
    let rc = veilleur_sqlite_disable_memstatus()
    if rc != SQLITE_OK {
        Logger(label: "veilleur.storage").warning(
            "SQLite memory statistics stay on: SQLite was initialised first", metadata: ["code": "\(rc)"])
    }
}()

/// One open SQLite database with its prepared statements.
///
/// Not thread-safe: `SQLiteStore` serialises every use behind its lock.
final class Connection {
    let path: String
    private let db: OpaquePointer
    /// Prepared once per SQL text, reused for the life of the connection.
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `path`; with `readOnly`, an existing file only, and every write fails with `SQLITE_READONLY`.
    init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32) throws(StorageError) {
        self.path = path
        memoryStatisticsOff
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StorageError(operation: "open", kind: Self.kind(of: rc), code: Self.code(rc), message: message, database: path)
        }
        db = handle
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// Runs one or more statements that return nothing the caller needs.
    func execute(_ sql: String, operation: String) throws(StorageError) {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(operation, sql: sql, code: rc) }
    }

    /// Runs `body` with the cached statement for `sql`, then resets it.
    ///
    /// The reset matters beyond reuse: a statement left mid-rows keeps its read transaction open,
    /// which pins an old snapshot and holds back WAL checkpoints.
    func withStatement<Result>(
        _ sql: String, operation: String, _ body: (Statement) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        let handle: OpaquePointer
        if let cached = statements[sql] {
            handle = cached
        } else {
            var prepared: OpaquePointer?
            let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard rc == SQLITE_OK, let prepared else { throw error(operation, sql: sql, code: rc) }
            statements[sql] = prepared
            handle = prepared
        }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        return try body(Statement(handle: handle, sql: sql, operation: operation, connection: self))
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a concurrent writer waits on `busy_timeout`
    /// instead of failing when a read transaction would have to be upgraded.
    func transaction<Result>(
        _ operation: String, _ body: () throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try within("BEGIN IMMEDIATE", operation, body)
    }

    /// Runs `body` inside a deferred `BEGIN … COMMIT`, so that its reads see one snapshot of the database
    /// (WAL) even while another connection writes.
    func readTransaction<Result>(
        _ operation: String, _ body: () throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try within("BEGIN", operation, body)
    }

    /// Runs `body` between `begin` and `COMMIT`, rolling back if it throws.
    private func within<Result>(
        _ begin: String, _ operation: String, _ body: () throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        try execute(begin, operation: operation)
        do {
            let result = try body()
            try execute("COMMIT", operation: operation)
            return result
        } catch {
            sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(db)) }

    /// Row id of the last successful INSERT.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    func error(_ operation: String, sql: String?, code: Int32) -> StorageError {
        StorageError(
            operation: operation, sql: sql, kind: Self.kind(of: code), code: Self.code(code),
            message: String(cString: sqlite3_errmsg(db)), database: path)
    }

    /// The backend-neutral kind of an (extended) SQLite result code.
    static func kind(of code: Int32) -> StorageError.Kind {
        switch code & 0xFF {
        case SQLITE_READONLY: .readOnly
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_CONSTRAINT: .constraint
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH: .unavailable
        default: .other
        }
    }

    static func code(_ code: Int32) -> String { "SQLite \(code)" }
}
