import CSQLite
import Foundation

/// A prepared statement lent by `Connection.withStatement` for the duration of its body.
///
/// Parameters are 1-based, as in SQLite. Dates are bound and read as REAL Unix seconds.
struct Statement {
    let handle: OpaquePointer
    let sql: String
    let operation: String
    unowned let connection: Connection

    func bind(_ index: Int32, _ value: String?) throws(StorageError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        // The explicit byte count keeps text with embedded NULs whole. `withCString` lends a native string's
        // own bytes; passing the string as a pointer argument would copy it into a new array at every bind.
        let rc = value.withCString { text in
            sqlite3_bind_text(handle, index, text, Int32(value.utf8.count), veilleur_sqlite_transient())
        }
        try check(rc)
    }

    /// Binds `text` (UTF-8) where it lies, without the copy the other text binds make: SQLite reads it at
    /// every step until the parameter is bound again or the bindings are cleared, which
    /// `Connection.withStatement` does before it returns, so the bytes must stay valid until then.
    func bind(_ index: Int32, inPlace text: UnsafeRawBufferPointer) throws(StorageError) {
        // A null pointer would bind NULL instead of empty text.
        guard let base = text.baseAddress else { return try bind(index, "") }
        // A nil destructor is SQLITE_STATIC: SQLite neither copies nor frees the bytes.
        try check(sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(text.count), nil))
    }

    func bind(_ index: Int32, _ value: Int64?) throws(StorageError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Int) throws(StorageError) {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    func bind(_ index: Int32, _ value: Double?) throws(StorageError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Date?) throws(StorageError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value.timeIntervalSince1970))
    }

    func bind(_ index: Int32, _ value: [UInt8]) throws(StorageError) {
        // An empty array has no base address, and a null pointer would store NULL instead of an empty blob.
        guard !value.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
        let rc = value.withUnsafeBytes { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), veilleur_sqlite_transient())
        }
        try check(rc)
    }

    func bind(_ index: Int32, _ value: Bool) throws(StorageError) {
        try check(sqlite3_bind_int64(handle, index, value ? 1 : 0))
    }

    /// Advances to the next row; false once the statement is done.
    func step() throws(StorageError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(operation, sql: sql, code: rc)
        }
    }

    /// Runs a statement that returns no rows, leaving it ready to be bound and run again.
    func run() throws(StorageError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func string(_ column: Int32) -> String? {
        guard !isNull(column), let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    func date(_ column: Int32) -> Date? {
        isNull(column) ? nil : Date(timeIntervalSince1970: sqlite3_column_double(handle, column))
    }

    private func check(_ rc: Int32) throws(StorageError) {
        guard rc == SQLITE_OK else { throw connection.error(operation, sql: sql, code: rc) }
    }
}
