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
            return try await PostgresStore.open(try PostgresLocation(url), access: access, logger: logger)
        }
    }
}
