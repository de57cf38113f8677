/// How a store opens its database, whichever the backend.
public enum StoreAccess: Sendable {
    /// Creates the database if needed (a SQLite file) and brings its schema up to date: what the daemon and
    /// the commands that write use.
    case readWrite
    /// Opens an existing database as it is, for commands that must change nothing: every write fails, no
    /// migration runs, and a schema other than this build's is refused rather than misread. It runs beside a
    /// writer. With SQLite it is `SQLITE_OPEN_READONLY` (SQLite may still create the empty `-wal` and `-shm`
    /// companion files when no writer has them open); with PostgreSQL, read-only transactions.
    case readOnly
}
