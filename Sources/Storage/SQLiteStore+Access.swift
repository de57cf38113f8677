extension SQLiteStore {
    /// How a store opens its database file.
    public enum Access: Sendable {
        /// Creates the file if needed, migrates its schema and sets WAL mode: what the daemon and the
        /// commands that write use.
        case readWrite
        /// Opens an existing file as it is, for commands that must change nothing: SQLite's
        /// `SQLITE_OPEN_READONLY`, so every write fails; no migration and no journal-mode change, and a
        /// schema other than this build's is refused rather than misread. It runs beside a writer (WAL
        /// readers take no lock that blocks one); like any reader of a WAL database, SQLite may create the
        /// empty `-wal` and `-shm` companion files when no writer has them open.
        case readOnly
    }
}
