// Stand-in for the lead's backend-neutral StorageError and StoreAccess until the seam commit lands; removed at rebase.
extension StorageError {
    enum Kind: Sendable, Equatable { case unavailable, readOnly, busy, constraint, schemaVersion, corrupt, other }
    init(operation: String, sql: String? = nil, kind: Kind = .other, code: String? = nil, message: String, database: String) {
        self.init(operation: operation, sql: sql, code: nil, message: (code.map { "\($0): " } ?? "") + message + " [\(kind)]", path: database)
    }
}

public enum StoreAccess: Sendable { case readWrite, readOnly }
