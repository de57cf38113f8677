import Logging

/// The one place that turns a ``DatabaseLocation`` into a store: commands, the pipeline and the daemon
/// all open theirs here, so that a backend is added or changed in one switch.
public enum StoreOpener {
    /// Opens the store at `location` with `access` (see ``StoreAccess``).
    /// - Throws: `StorageError`; its `database` is the location with any password masked.
    public static func open(_ location: DatabaseLocation, access: StoreAccess, logger: Logger) async throws(StorageError) -> any Store {
        switch location {
        case .sqlite(let path):
            return try SQLiteStore(path: path, access: access)
        case .postgresql(let url):
            return try await openPostgreSQL(url: url, shown: location.description, access: access, logger: logger)
        }
    }

    /// The PostgreSQL backend's entry point: the only line to change when it joins the build.
    private static func openPostgreSQL(url: String, shown: String, access: StoreAccess, logger: Logger) async throws(StorageError) -> any Store {
        throw StorageError(
            operation: "open", kind: .unavailable,
            message: "this build of veilleur has no PostgreSQL backend; use a sqlite: location", database: shown)
    }
}
