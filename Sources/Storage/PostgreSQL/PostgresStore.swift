import Foundation
import Logging
import Model
import PostgresNIO

/// The PostgreSQL backend of `Store`: a pool of connections to one database, shared by every daemon
/// pointed at it.
///
/// Behaves as ``SQLiteStore`` does, call for call; where PostgreSQL differs, the store makes up for it:
/// each `record` is one transaction, and those that may fold near-duplicates take one advisory lock, so
/// that a copy recorded by another connection at the same moment is seen, as SQLite's single writer sees
/// it; reads that must agree with each other share one snapshot (`REPEATABLE READ`). A lock awaited longer
/// than the busy timeout fails as `busy`, like SQLite's `busy_timeout`. Two things cannot be the same:
/// instants are kept to the microsecond (`timestamptz`), and a U+0000 in a text, which PostgreSQL's `text`
/// cannot hold, is stored as U+FFFD.
public final class PostgresStore: Store {
    /// Where the database is; its description masks the password.
    public let location: PostgresLocation
    /// Whether this store may write.
    public let access: StoreAccess
    let logger: Logger
    private let client: PostgresClient
    /// Runs the pool of ``client``: its connections live as long as this task.
    private let running: Task<Void, Never>

    private init(location: PostgresLocation, access: StoreAccess, client: PostgresClient, running: Task<Void, Never>, logger: Logger) {
        self.location = location
        self.access = access
        self.client = client
        self.running = running
        self.logger = logger
    }

    /// Opens the database at `location`: with `.readWrite`, bringing its schema up to date first (under an
    /// advisory lock, so that daemons started together migrate it once); with `.readOnly`, as it is, every
    /// session read-only (`default_transaction_read_only`), so that any write fails.
    ///
    /// Connects once before anything else, so that a wrong host, password or database name fails here,
    /// with the server's own words, rather than at the first query.
    ///
    /// - Parameters:
    ///   - busyTimeout: how long a statement waits for a lock held by another connection before failing
    ///     as `busy` (`lock_timeout`).
    ///   - maximumConnections: the most connections the store opens at once.
    /// - Throws: `StorageError` if the server cannot be reached or refuses the login, a migration fails,
    ///   or the database was written by a newer veilleur; read-only, also if its schema is missing or older
    ///   than this build's.
    public static func open(
        _ location: PostgresLocation, access: StoreAccess = .readWrite, busyTimeout: Duration = .seconds(5),
        maximumConnections: Int = 8, logger: Logger = Logger(label: "veilleur.storage")
    ) async throws(StorageError) -> PostgresStore {
        let parameters = sessionParameters(access: access, lockTimeout: busyTimeout)
        var clientConfiguration = location.clientConfiguration
        clientConfiguration.options.additionalStartupParameters = parameters
        clientConfiguration.options.maximumConnections = max(1, maximumConnections)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        // Started now, so that the pool runs by the time the schema is checked and the first call comes.
        let running = Task { await client.run() }
        do {
            let version = try await prepare(location, access: access, parameters: parameters, logger: logger)
            logger.debug(
                "opened PostgreSQL store",
                metadata: ["database": "\(location)", "access": "\(access)", "schema_version": "\(version)"])
        } catch {
            running.cancel()
            await running.value
            throw error
        }
        return PostgresStore(location: location, access: access, client: client, running: running, logger: logger)
    }

    /// Connects once outside the pool, and migrates the schema or checks it is this build's; returns its version.
    private static func prepare(
        _ location: PostgresLocation, access: StoreAccess, parameters: [(String, String)], logger: Logger
    ) async throws(StorageError) -> Int {
        var configuration = try location.connectionConfiguration()
        // Migrations wait for one another: a lock held by a daemon migrating a large database is no reason to fail.
        configuration.options.additionalStartupParameters = parameters.filter { $0.0 != "lock_timeout" } + [("lock_timeout", "0")]
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw StorageError.postgres("open", sql: nil, error: error, location: location)
        }
        let session = PostgresSession(connection: connection, location: location, operation: "open", logger: logger)
        let version: Int
        do {
            switch access {
            case .readWrite: version = try await migrate(session)
            case .readOnly: version = try await requireLatestSchema(session)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return version
    }

    deinit {
        running.cancel()
    }

    /// Ends the pool: its connections close and later calls fail as `unavailable`. Idempotent.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// The schema version this build creates and understands.
    public static var latestSchemaVersion: Int { PostgresSchema.latestVersion }

    /// The schema version of the database.
    public func schemaVersion() async throws(StorageError) -> Int {
        try await withSession("read schema version") { db throws(StorageError) in try await Self.currentVersion(db) }
    }

    /// The settings each session starts with.
    private static func sessionParameters(access: StoreAccess, lockTimeout: Duration) -> [(String, String)] {
        let milliseconds = lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000
        var parameters = [("application_name", "veilleur"), ("lock_timeout", "\(max(1, milliseconds))")]
        if access == .readOnly { parameters.append(("default_transaction_read_only", "on")) }
        return parameters
    }

    // MARK: Schema

    private static func currentVersion(_ db: PostgresSession) async throws(StorageError) -> Int {
        let table = try await db.row("SELECT to_regclass('veilleur_schema_version') IS NOT NULL")
        guard try table?.bool(0) == true else { return 0 }
        let row = try await db.row("SELECT coalesce(max(version), 0)::bigint FROM veilleur_schema_version")
        return Int(try row?.int64(0) ?? 0)
    }

    /// Applies the migrations the database lacks, in one transaction under the migration lock; returns the
    /// version it ends at.
    private static func migrate(_ db: PostgresSession) async throws(StorageError) -> Int {
        try await db.transaction { () throws(StorageError) -> Int in
            try await db.rows("SELECT pg_advisory_xact_lock($1)", .int(PostgresSchema.migrationLock))
            try await db.rows(PostgresSchema.versionTable)
            let current = try await currentVersion(db)
            guard current <= PostgresSchema.latestVersion else {
                throw StorageError.postgres(
                    "open", kind: .schemaVersion,
                    message: "schema version \(current) is newer than the \(PostgresSchema.latestVersion) this veilleur knows; use a newer veilleur",
                    database: db.location.description)
            }
            for version in (current + 1)..<(PostgresSchema.latestVersion + 1) {
                let step = db.named("migrate to schema version \(version)")
                for statement in PostgresSchema.migrations[version - 1] { try await step.rows(statement) }
                try await step.rows("INSERT INTO veilleur_schema_version (version) VALUES ($1)", .int(Int64(version)))
                db.logger.notice("migrated database schema", metadata: ["database": "\(db.location)", "schema_version": "\(version)"])
            }
            return PostgresSchema.latestVersion
        }
    }

    /// A read-only store cannot migrate, and its queries are written for the latest schema.
    private static func requireLatestSchema(_ db: PostgresSession) async throws(StorageError) -> Int {
        let current = try await currentVersion(db)
        guard current == PostgresSchema.latestVersion else {
            let advice = current == 0
                ? "0: veilleur never wrote to this database; a crawl or the daemon creates its schema"
                : current < PostgresSchema.latestVersion
                ? "\(current), older than the \(PostgresSchema.latestVersion) this veilleur reads; a crawl or the daemon updates it"
                : "\(current), newer than the \(PostgresSchema.latestVersion) this veilleur knows; use a newer veilleur"
            throw StorageError.postgres(
                "open read-only", kind: .schemaVersion, message: "schema version \(advice)", database: db.location.description)
        }
        return current
    }

    // MARK: Sessions

    /// Runs `body` on a connection of the pool.
    func withSession<Result: Sendable>(
        _ operation: String, _ body: (PostgresSession) async throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        do {
            return try await client.withConnection { connection in
                try await body(PostgresSession(connection: connection, location: location, operation: operation, logger: logger))
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.postgres(operation, sql: nil, error: error, location: location)
        }
    }

    /// Runs `body` in a transaction on a connection of the pool.
    func withTransaction<Result: Sendable>(
        _ operation: String, _ body: (PostgresSession) async throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await withSession(operation) { db throws(StorageError) in
            try await db.transaction { () throws(StorageError) in try await body(db) }
        }
    }

    /// Runs `body` in a transaction, and again when PostgreSQL rolled it back whole as a deadlock victim or a
    /// serialisation failure (at most ``recordAttempts`` times): daemons sharing the database, or one
    /// daemon's loop and crawl, may lock the same rows in other orders.
    func withRetriedTransaction<Result: Sendable>(
        _ operation: String, _ body: (PostgresSession) async throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        var attempt = 1
        while true {
            do throws(StorageError) {
                return try await withTransaction(operation, body)
            } catch where Self.isWorthRetrying(error) && attempt < Self.recordAttempts {
                attempt += 1
            }
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database.
    func withSnapshot<Result: Sendable>(
        _ operation: String, _ body: (PostgresSession) async throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await withSession(operation) { db throws(StorageError) in
            try await db.snapshot { () throws(StorageError) in try await body(db) }
        }
    }

    // MARK: Store

    public func syncSources(_ sources: [Source], declaredBy member: String, owner: String, liveSince: Date, now: Date) async throws(StorageError) {
        // One row per name, the last declared winning, as statements run one by one would leave it: a
        // single upsert may not touch a row twice.
        var latest: [String: Int] = [:]
        for (index, source) in sources.enumerated() { latest[source.name] = index }
        let declared = sources.indices.filter { latest[sources[$0].name] == $0 }.map { sources[$0] }
        try await withRetriedTransaction("sync sources") { db throws(StorageError) in
            try await db.rows(
                """
                INSERT INTO sources (name, url, next_due_at)
                SELECT name, url, $3 FROM unnest($1::text[], $2::text[]) AS declared (name, url)
                ON CONFLICT (name) DO UPDATE SET
                    etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
                    last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
                    effective_url = CASE WHEN sources.url = excluded.url THEN sources.effective_url END,
                    url = excluded.url,
                    retired = false
                """,
                .texts(declared.map(\.name)), .texts(declared.map { URLRedaction.redacted($0.url) }), .date(now))
            try await scrubLastErrors(db, of: declared)
            try await declare(db, declared.map(\.name), member: member, owner: owner, now: now)
            try await retireUndeclared(db, liveSince: liveSince)
        }
    }

    /// Masks the secrets of each source's URL in its stored last error: errors stored by a version that
    /// did not redact them must not keep showing them in digests and `sources list`.
    private func scrubLastErrors(_ db: PostgresSession, of sources: [Source]) async throws(StorageError) {
        let withSecrets = sources.filter { URLRedaction.redacted($0.url) != $0.url }
        guard !withSecrets.isEmpty else { return }
        let urls = Dictionary(withSecrets.map { ($0.name, $0.url) }, uniquingKeysWith: { _, last in last })
        let stored = try await db.rows(
            "SELECT name, last_error FROM sources WHERE name = ANY($1::text[]) AND last_error IS NOT NULL", .texts(Array(urls.keys)))
        for row in stored {
            guard let name = try row.string(0), let error = try row.string(1), let url = urls[name] else { continue }
            let scrubbed = URLRedaction.scrub(error, secretsOf: url)
            guard scrubbed != error else { continue }
            try await db.rows("UPDATE sources SET last_error = $2 WHERE name = $1", .text(name), .text(scrubbed))
        }
    }

    public func sourceStates() async throws(StorageError) -> [SourceState] {
        try await withSession("read source states") { db throws(StorageError) in
            var states: [SourceState] = []
            for row in try await db.rows("SELECT \(Self.sourceColumns) FROM sources ORDER BY name") {
                states.append(try Self.readSourceState(row))
            }
            return states
        }
    }

    /// The source columns read by `readSourceState`, in its order.
    static let sourceColumns = """
        name, url, etag, last_modified, last_fetch_at, last_success_at, last_status, last_error,
        consecutive_failures::bigint, next_due_at, retired, current_interval, rate_per_day, effective_url
        """

    static func readSourceState(_ row: PostgresRowReader) throws(StorageError) -> SourceState {
        SourceState(
            name: try row.string(0) ?? "", url: try row.string(1) ?? "", effectiveURL: try row.string(13),
            etag: try row.string(2), lastModified: try row.string(3),
            lastFetchAt: try row.date(4), lastSuccessAt: try row.date(5),
            lastStatus: try row.string(6), lastError: try row.string(7),
            consecutiveFailures: Int(try row.int64(8)),
            nextDueAt: try row.date(9) ?? Date(timeIntervalSince1970: 0),
            interval: try row.optionalDouble(11), itemsPerDay: try row.optionalDouble(12),
            retired: try row.bool(10)
        )
    }

    public func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) async throws(StorageError) {
        let operation = "commit digest \(profile) \(period)"
        let member = DigestMembership.column(forPeriod: period)
        try await withTransaction(operation) { db throws(StorageError) in
            let digest = try await db.row(
                """
                INSERT INTO digests (profile, period, written_at, paths, pending) VALUES ($1, $2, $3, $4, true)
                ON CONFLICT (profile, period) DO UPDATE SET written_at = excluded.written_at, paths = excluded.paths, pending = true
                RETURNING id
                """,
                .text(profile), .text(period), .date(writtenAt), .text(JSONColumn.encode(paths)))
            guard let digestID = try digest?.int64(0) else {
                throw StorageError.postgres(operation, kind: .other, message: "upsert returned no id", database: location.description)
            }
            try await db.rows(
                "UPDATE matches SET \(member) = NULL WHERE \(member) = $1 AND NOT (id = ANY($2::bigint[]))", .int(digestID), .ints(matchIDs))
            let assigned = try await db.rows(
                """
                UPDATE matches SET \(member) = $1
                WHERE id = ANY($2::bigint[]) AND profile = $3 AND (\(member) IS NULL OR \(member) = $1)
                RETURNING id
                """,
                .int(digestID), .ints(matchIDs), .text(profile))
            let expected = Set(matchIDs).count
            guard assigned.count == expected else {
                throw StorageError.postgres(
                    operation, kind: .constraint,
                    message: "\(expected - assigned.count) of \(expected) matches are unknown, of another profile or in another digest",
                    database: location.description)
            }
        }
    }

    public func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) async throws(StorageError) {
        let operation = "mark digest \(profile) \(period) written"
        try await withSession(operation) { db throws(StorageError) in
            let updated = try await db.rows(
                "UPDATE digests SET pending = false, paths = $3, written_at = $4 WHERE profile = $1 AND period = $2 RETURNING id",
                .text(profile), .text(period), .text(JSONColumn.encode(paths)), .date(writtenAt))
            guard updated.count == 1 else {
                throw StorageError.postgres(
                    operation, kind: .other, message: "no digest \(profile) \(period) was committed", database: location.description)
            }
        }
    }

    public func pendingDigests() async throws(StorageError) -> [PendingDigest] {
        try await withSession("read pending digests") { db throws(StorageError) in
            var pending: [PendingDigest] = []
            for row in try await db.rows("SELECT profile, period FROM digests WHERE pending ORDER BY period, profile") {
                pending.append(PendingDigest(profile: try row.string(0) ?? "", period: try row.string(1) ?? ""))
            }
            return pending
        }
    }

    public func latestDigestPeriods(of kind: DigestPeriod.Kind, onOrBefore day: DigestPeriod) async throws(StorageError) -> [String: DigestPeriod] {
        try await withSession("read digest periods") { db throws(StorageError) in
            var latest: [String: DigestPeriod] = [:]
            for row in try await db.rows("SELECT profile, period FROM digests") {
                guard let profile = try row.string(0), let period = try row.string(1).flatMap(DigestPeriod.init), period.kind == kind,
                      period <= day
                else { continue }
                if latest[profile].map({ $0 < period }) ?? true { latest[profile] = period }
            }
            return latest
        }
    }

    public func databaseSize() async throws(StorageError) -> Int64 {
        try await withSession("read database size") { db throws(StorageError) in
            try await db.row("SELECT pg_database_size(current_database())")?.int64(0) ?? 0
        }
    }

    public func firstItemStoredAt() async throws(StorageError) -> Date? {
        try await withSession("read first item") { db throws(StorageError) in
            try await db.row("SELECT first_seen_at FROM items ORDER BY id LIMIT 1")?.date(0)
        }
    }

    public func item(id: Int64) async throws(StorageError) -> FeedItem? {
        try await withSession("read item \(id)") { db throws(StorageError) in
            guard let row = try await db.row("SELECT \(Self.itemColumns) FROM items i WHERE i.id = $1", .int(id)) else { return nil }
            return try readItem(row, from: 0)
        }
    }

    public func activity(since: Date) async throws(StorageError) -> Activity {
        try await withSnapshot("read activity") { db throws(StorageError) in
            guard let row = try await db.row(
                """
                SELECT (SELECT count(*) FROM items WHERE first_seen_at >= $1),
                       (SELECT count(*) FROM matches WHERE matched_at >= $1),
                       (SELECT count(*) FROM matches WHERE digest_id IS NULL AND weekly_digest_id IS NULL),
                       (SELECT count(*) FROM items),
                       (SELECT max(last_fetch_at) FROM sources),
                       (SELECT max(written_at) FROM digests)
                """,
                .date(since))
            else {
                throw StorageError.postgres("read activity", kind: .other, message: "no row", database: location.description)
            }
            return Activity(
                newItems: Int(try row.int64(0)), newMatches: Int(try row.int64(1)), pendingMatches: Int(try row.int64(2)),
                totalItems: Int(try row.int64(3)), lastFetchAt: try row.date(4), lastDigestAt: try row.date(5))
        }
    }

    public func findItem(_ key: String) async throws(StorageError) -> StoredItem? {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        return try await withSession("find item") { db throws(StorageError) in
            guard let row = try await db.row(
                """
                SELECT i.id, i.source, \(Self.itemColumns), i.first_seen_at FROM items i
                WHERE i.id = $1 OR i.guid = $2 OR i.link = $2 OR i.canonical_link = $3
                ORDER BY i.id LIMIT 1
                """,
                .int(Int64(trimmed) ?? -1), .text(trimmed), .text(CanonicalLink.canonicalize(trimmed)))
            else { return nil }
            return StoredItem(
                id: try row.int64(0), source: try row.string(1) ?? "", item: try readItem(row, from: 2), firstSeenAt: try row.date(12))
        }
    }

    // MARK: Items

    /// The item columns read by `readItem`, in its order, for a table aliased `i`.
    static let itemColumns =
        "i.guid, i.title, i.link, i.published, i.updated, i.author, i.summary_text, i.content_text, i.categories, i.enclosures"

    func readItem(_ row: PostgresRowReader, from first: Int) throws(StorageError) -> FeedItem {
        FeedItem(
            id: try row.string(first), title: try row.string(first + 1), link: try row.string(first + 2),
            published: try row.date(first + 3), updated: try row.date(first + 4), author: try row.string(first + 5),
            summaryText: try row.string(first + 6), contentText: try row.string(first + 7),
            categories: try JSONColumn.decode(try row.string(first + 8), column: "items.categories", database: location.description),
            enclosures: try StoredEnclosures.decode(try row.string(first + 9), database: location.description)
        )
    }
}
