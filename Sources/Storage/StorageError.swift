/// A failure of the store, with enough context to find its cause without a debugger, in the same shape
/// whichever backend reported it.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it was, so that callers can react without knowing the backend's codes.
    public enum Kind: Sendable, Equatable {
        /// The database cannot be reached or opened.
        case unavailable
        /// A write was refused because the store was opened read-only.
        case readOnly
        /// Another writer held a lock for longer than the store waits, or a transaction had to be retried.
        case busy
        /// A constraint (unique, foreign key, check) refused the change.
        case constraint
        /// The database's schema is not the one this build reads: newer, or older and not migratable here.
        case schemaVersion
        /// The stored data cannot be read as written (a damaged file, a column that does not decode).
        case corrupt
        /// Anything else.
        case other
    }

    /// What the store was doing: `open`, `migrate to version 1`, `record fetch of lemonde`…
    public var operation: String
    /// The statement involved, when one was.
    public var sql: String?
    /// What kind of failure it was.
    public var kind: Kind
    /// The backend's own code, for people reading the error: `SQLite 2067`, `SQLSTATE 23505`.
    public var code: String?
    /// The backend's message, or the store's own explanation.
    public var message: String
    /// The database: a file path, or a URL with its password masked.
    public var database: String

    public init(operation: String, sql: String? = nil, kind: Kind = .other, code: String? = nil, message: String, database: String) {
        self.operation = operation
        self.sql = sql
        self.kind = kind
        self.code = code
        self.message = message
        self.database = database
    }

    public var description: String {
        var text = "storage: \(operation) failed on \(database): \(message)"
        if let code { text += " (\(code))" }
        if let sql { text += " [sql: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))]" }
        return text
    }
}
