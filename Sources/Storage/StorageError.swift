/// A failure of the store, with enough context to find its cause without a debugger.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the store was doing: `open`, `migrate to version 1`, `record fetch of lemonde`…
    public var operation: String
    /// The statement involved, when one was.
    public var sql: String?
    /// The SQLite (extended) result code, when SQLite reported the failure.
    public var code: Int32?
    /// SQLite's message, or the store's own explanation.
    public var message: String
    /// The database file.
    public var path: String

    public init(operation: String, sql: String? = nil, code: Int32? = nil, message: String, path: String) {
        self.operation = operation
        self.sql = sql
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        var text = "storage: \(operation) failed on \(path): \(message)"
        if let code { text += " (SQLite code \(code))" }
        if let sql { text += " [sql: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))]" }
        return text
    }
}
