import Foundation
import Model

/// The SQLite backend of `Store`: one connection to `STATE/veilleur.sqlite` in WAL mode.
///
/// Every call takes an internal lock, so one instance may be shared between tasks; calls are
/// serialised, and each write is one transaction. The daemon owns the instance and should keep a
/// single one per database file: another process may read the file (WAL allows it) but writers
/// wait on `busy_timeout`.
public final class SQLiteStore: Store, @unchecked Sendable {  // each connection is only touched while holding its lock.
    /// The database file.
    public let path: String
    private let lock = NSLock()
    /// Nil once closed.
    private var connection: Connection?
    private let busyTimeoutMilliseconds: Int32
    /// A second connection, opened at first use, for the lookups a crawl makes while it parses: they read
    /// the last committed state (WAL) instead of waiting for the lock of a transaction being recorded.
    private var reader: Connection?
    /// Set by ``close()``, under `readerLock`, so that no reader is opened again.
    private var readerClosed = false
    private let readerLock = NSLock()
    /// The band keys of the near-duplicate window, read at the first recording that needs them; touched only
    /// under `lock`, and dropped when a recording transaction fails, since it may hold that transaction's keys.
    private var bandWindow: BandKeyWindow?
    /// The writing connection's page cache in KiB, as last set; touched only under `lock`.
    private var writerCacheKiB = SQLiteStore.baseCacheKiB

    /// Opens the database at `path`: with ``StoreAccess/readWrite`` (the default), creating it if needed and
    /// bringing its schema up to date; with ``StoreAccess/readOnly``, as it is (see ``StoreAccess``).
    ///
    /// - Parameter busyTimeout: how long a write waits for another connection's lock before failing.
    /// - Throws: `StorageError` if the file cannot be opened, a migration fails, or the file was written
    ///   by a newer veilleur (its schema version is higher than this build knows); read-only, also if the
    ///   file is missing or its schema is older than this build's.
    public init(path: String, access: StoreAccess = .readWrite, busyTimeout: Duration = .seconds(5)) throws(StorageError) {
        self.path = path
        let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        busyTimeoutMilliseconds = Int32(clamping: milliseconds)
        let connection = try Connection(path: path, readOnly: access == .readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        self.connection = connection
        switch access {
        case .readWrite:
            // A crawl commits one transaction per batch of documents, each touching pages all over the
            // indexes: a cache of 4 MiB keeps the hot index pages instead of reading them again (more for
            // many profiles: ``sizeCache(_:forProfiles:operation:)``), and a checkpoint every 24,000 WAL pages
            // (about 94 MiB of disk) copies a page rewritten by many commits once, not at each of them: with
            // 1,000 profiles every transaction rewrites the last index page of each profile it matches, and
            // 24,000 rather than 8,000 pages saved 2 of 33 CPU s of a cold crawl of 2,000 feeds.
            // Neither changes what a crash can lose.
            try connection.execute(
                """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                PRAGMA cache_size = -\(Self.baseCacheKiB); PRAGMA wal_autocheckpoint = 24000;
                """,
                operation: "configure connection"
            )
            try migrate(connection)
        case .readOnly:
            try requireLatestSchema(connection)
        }
    }

    deinit {
        closeConnections()
    }

    /// The writing connection's page cache at first, in KiB: enough for the example configuration's crawls
    /// (8 MiB cost a cold crawl 4 MB of peak RSS and saved no CPU).
    static let baseCacheKiB = 4096
    /// What each profile a recording transaction matches adds to the cache, in KiB: the transaction writes
    /// the newest page of the profile's run in `matches_profile_matched`, and a cache that cannot keep one
    /// page per profile from one commit to the next spills them mid-transaction and reads them back. With
    /// 1,000 profiles (12 MiB), a cold crawl of 2,000 feeds took 5–7% less CPU and read 6–8% more feeds a
    /// second, for 9 MB more peak RSS.
    static let cacheKiBPerProfile = 8
    /// The most the cache grows to, in KiB: some 7,700 profiles' worth.
    static let maximumCacheKiB = 65_536

    /// Grows the writing connection's cache for a transaction whose matches belong to `profiles` profiles,
    /// inside that transaction (see ``cacheKiBPerProfile``); never shrinks it. Called under `lock`.
    func sizeCache(_ db: Connection, forProfiles profiles: Int, operation: String) throws(StorageError) {
        let wanted = min(Self.maximumCacheKiB, Self.baseCacheKiB + Self.cacheKiBPerProfile * profiles)
        guard wanted > writerCacheKiB else { return }
        try db.execute("PRAGMA cache_size = -\(wanted)", operation: operation)
        writerCacheKiB = wanted
    }

    public func close() async {
        closeConnections()
    }

    private func closeConnections() {
        // The writing connection must close last: the last connection to close checkpoints the WAL and
        // removes it, which a read-only one cannot do.
        readerLock.withLock {
            reader = nil
            readerClosed = true
        }
        lock.withLock { connection = nil }
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    public var schemaVersion: Int {
        get throws(StorageError) {
            try locked { db throws(StorageError) in try readUserVersion(db) }
        }
    }

    /// The schema version this build creates and understands.
    public static var latestSchemaVersion: Int { Schema.latestVersion }

    // MARK: Store

    public func syncSources(_ sources: [Source], declaredBy member: String, owner: String, liveSince: Date, now: Date) async throws(StorageError) {
        let operation = "sync sources"
        try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) in
                try db.withStatement(
                    """
                    INSERT INTO sources (name, url, next_due_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (name) DO UPDATE SET
                        etag = CASE WHEN url = excluded.url THEN etag END,
                        last_modified = CASE WHEN url = excluded.url THEN last_modified END,
                        effective_url = CASE WHEN url = excluded.url THEN effective_url END,
                        url = excluded.url,
                        retired = 0
                    """,
                    operation: operation
                ) { upsert throws(StorageError) in
                    for source in sources {
                        try upsert.bind(1, source.name)
                        try upsert.bind(2, URLRedaction.redacted(source.url))
                        try upsert.bind(3, now)
                        try upsert.run()
                    }
                }
                try scrubLastErrors(db, of: sources, operation: operation)
                try declare(db, sources.map(\.name), member: member, owner: owner, now: now, operation: operation)
                try retireUndeclared(db, liveSince: liveSince, operation: operation)
            }
        }
    }

    /// Masks the secrets of each source's URL in its stored last error: errors stored by a version that
    /// did not redact them must not keep showing them in digests and `sources list`.
    private func scrubLastErrors(_ db: Connection, of sources: [Source], operation: String) throws(StorageError) {
        for source in sources where URLRedaction.redacted(source.url) != source.url {
            let stored = try db.withStatement("SELECT last_error FROM sources WHERE name = ?1", operation: operation) {
                select throws(StorageError) -> String? in
                try select.bind(1, source.name)
                return try select.step() ? select.string(0) : nil
            }
            guard let stored else { continue }
            let scrubbed = URLRedaction.scrub(stored, secretsOf: source.url)
            guard scrubbed != stored else { continue }
            try db.withStatement("UPDATE sources SET last_error = ?2 WHERE name = ?1", operation: operation) {
                update throws(StorageError) in
                try update.bind(1, source.name)
                try update.bind(2, scrubbed)
                try update.run()
            }
        }
    }

    public func sourceStates() async throws(StorageError) -> [SourceState] {
        try locked { db throws(StorageError) in
            try db.withStatement(
                "SELECT \(Self.sourceColumns) FROM sources ORDER BY name",
                operation: "read source states"
            ) { select throws(StorageError) in
                var states: [SourceState] = []
                while try select.step() {
                    states.append(Self.readSourceState(select))
                }
                return states
            }
        }
    }

    /// The source columns read by `readSourceState`, in its order.
    static let sourceColumns = """
        name, url, etag, last_modified, last_fetch_at, last_success_at, last_status, last_error,
        consecutive_failures, next_due_at, retired, current_interval, rate_per_day, effective_url
        """

    static func readSourceState(_ row: Statement) -> SourceState {
        SourceState(
            name: row.string(0) ?? "", url: row.string(1) ?? "", effectiveURL: row.string(13),
            etag: row.string(2), lastModified: row.string(3),
            lastFetchAt: row.date(4), lastSuccessAt: row.date(5),
            lastStatus: row.string(6), lastError: row.string(7),
            consecutiveFailures: Int(row.int64(8)),
            nextDueAt: row.date(9) ?? Date(timeIntervalSince1970: 0),
            interval: row.optionalDouble(11), itemsPerDay: row.optionalDouble(12),
            retired: row.int64(10) != 0
        )
    }

    public func record(
        _ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?
    ) async throws(StorageError) -> [RecordSummary] {
        guard let earliest = fetches.map(\.fetchedAt).min() else { return [] }
        let operation = fetches.count == 1 ? "record fetch of \(fetches[0].source)" : "record fetches of \(fetches.count) sources"
        let fingerprinted = fetches.contains { $0.items.contains { $0.fingerprint != nil } }
        return try locked { db throws(StorageError) in
            do throws(StorageError) {
                return try db.transaction(operation) { () throws(StorageError) -> [RecordSummary] in
                    try pruneNearDuplicateIndex(db, now: earliest, window: &bandWindow, operation: operation)
                    // A pass of unchanged feeds stores no fingerprint: it need not read the window.
                    var window = BandKeyWindow()
                    if fingerprinted {
                        try catchUp(db, &bandWindow, operation: operation)
                        window = bandWindow ?? window
                        // Moved out, so that adding to it below copies no bucket.
                        bandWindow = nil
                    }
                    var nearDuplicates = NearDuplicateBatch(operation: operation)
                    var summaries: [RecordSummary] = []
                    summaries.reserveCapacity(fetches.count)
                    var matched: [PendingMatch] = []
                    for (index, fetch) in fetches.enumerated() {
                        summaries.append(
                            try recordItems(
                                db, fetch, index: index, window: &window, nearDuplicates: &nearDuplicates, matched: &matched,
                                operation: operation))
                    }
                    if fingerprinted { bandWindow = window }
                    let inserted = try insertMatches(db, matched, of: fetches, operation: operation)
                    for (index, fetch) in fetches.enumerated() {
                        summaries[index].newMatches = inserted[index].count
                        summaries[index].newAlerts = try raiseAlerts(db, inserted[index].alerting, at: fetch.fetchedAt, operation: operation)
                        if let schedule = reschedule(index, summaries[index]) {
                            try updateSchedule(db, source: fetch.source, schedule, operation: operation)
                        }
                    }
                    return summaries
                }
            } catch {
                bandWindow = nil
                throw error
            }
        }
    }

    /// Records the source state and the new items of the fetch at `index` inside the caller's transaction, and
    /// appends the matches they bring to `matched`, for ``insertMatches(_:of:operation:)``.
    private func recordItems(
        _ db: Connection, _ fetch: FetchRecord, index: Int, window: inout BandKeyWindow, nearDuplicates: inout NearDuplicateBatch,
        matched: inout [PendingMatch], operation: String
    ) throws(StorageError) -> RecordSummary {
        try updateSource(db, fetch, operation: operation)
        var summary = RecordSummary(newItems: 0, newMatches: 0)
        var allowance = try fetch.dailyNewItemCap.map { cap throws(StorageError) in
            max(0, cap - (try newItemsOfDay(db, source: fetch.source, before: fetch.fetchedAt, operation: operation)))
        }
        for (entryIndex, entry) in fetch.items.enumerated() {
            let insertion = try insertIfNew(
                db, entry, source: fetch.source, seenAt: fetch.fetchedAt, allowed: allowance != 0, operation: operation)
            let itemID: Int64
            switch insertion {
            case .inserted(let id):
                allowance = allowance.map { $0 - 1 }
                summary.newItems += 1
                if try foldNearDuplicate(
                    db, itemID: id, entry: entry, seenAt: fetch.fetchedAt, window: &window, batch: &nearDuplicates, operation: operation)
                {
                    summary.nearDuplicates += 1
                }
                itemID = id
            case .copy(let id):
                itemID = id
            case .known:
                continue
            case .overCap:
                summary.itemsOverCap += 1
                continue
            }
            for matchIndex in entry.matches.indices {
                matched.append(PendingMatch(itemID: itemID, fetch: index, entry: entryIndex, match: matchIndex))
            }
        }
        return summary
    }

    public func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) async throws(StorageError) {
        let operation = "commit digest \(profile) \(period)"
        let encodedPaths = JSONColumn.encode(paths)
        let ids = JSONColumn.ids(matchIDs)
        let member = DigestMembership.column(forPeriod: period)
        try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) in
                let digestID = try db.withStatement(
                    """
                    INSERT INTO digests (profile, period, written_at, paths, pending) VALUES (?1, ?2, ?3, ?4, 1)
                    ON CONFLICT (profile, period) DO UPDATE SET written_at = excluded.written_at, paths = excluded.paths, pending = 1
                    RETURNING id
                    """,
                    operation: operation
                ) { upsert throws(StorageError) -> Int64 in
                    try upsert.bind(1, profile)
                    try upsert.bind(2, period)
                    try upsert.bind(3, writtenAt)
                    try upsert.bind(4, encodedPaths)
                    guard try upsert.step() else {
                        throw StorageError(operation: operation, sql: upsert.sql, message: "upsert returned no id", database: path)
                    }
                    return upsert.int64(0)
                }
                try db.withStatement(
                    "UPDATE matches SET \(member) = NULL WHERE \(member) = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
                    operation: operation
                ) { release throws(StorageError) in
                    try release.bind(1, digestID)
                    try release.bind(2, ids)
                    try release.run()
                }
                try db.withStatement(
                    """
                    UPDATE matches SET \(member) = ?1
                    WHERE id IN (SELECT value FROM json_each(?2)) AND profile = ?3 AND (\(member) IS NULL OR \(member) = ?1)
                    """,
                    operation: operation
                ) { assign throws(StorageError) in
                    try assign.bind(1, digestID)
                    try assign.bind(2, ids)
                    try assign.bind(3, profile)
                    try assign.run()
                }
                let expected = Set(matchIDs).count
                guard db.changes == expected else {
                    throw StorageError(
                        operation: operation,
                        kind: .constraint,
                        message: "\(expected - db.changes) of \(expected) matches are unknown, of another profile or in another digest",
                        database: path
                    )
                }
            }
        }
    }

    public func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) async throws(StorageError) {
        let operation = "mark digest \(profile) \(period) written"
        let encodedPaths = JSONColumn.encode(paths)
        try locked { db throws(StorageError) in
            try db.withStatement(
                "UPDATE digests SET pending = 0, paths = ?3, written_at = ?4 WHERE profile = ?1 AND period = ?2",
                operation: operation
            ) { update throws(StorageError) in
                try update.bind(1, profile)
                try update.bind(2, period)
                try update.bind(3, encodedPaths)
                try update.bind(4, writtenAt)
                try update.run()
            }
            guard db.changes == 1 else {
                throw StorageError(operation: operation, message: "no digest \(profile) \(period) was committed", database: path)
            }
        }
    }

    public func pendingDigests() async throws(StorageError) -> [PendingDigest] {
        try locked { db throws(StorageError) in
            try db.withStatement(
                "SELECT profile, period FROM digests WHERE pending = 1 ORDER BY period, profile", operation: "read pending digests"
            ) { select throws(StorageError) in
                var pending: [PendingDigest] = []
                while try select.step() {
                    pending.append(PendingDigest(profile: select.string(0) ?? "", period: select.string(1) ?? ""))
                }
                return pending
            }
        }
    }

    public func latestDigestPeriods(of kind: DigestPeriod.Kind, onOrBefore day: DigestPeriod) async throws(StorageError) -> [String: DigestPeriod] {
        try locked { db throws(StorageError) in
            try db.withStatement("SELECT profile, period FROM digests", operation: "read digest periods") {
                select throws(StorageError) in
                var latest: [String: DigestPeriod] = [:]
                while try select.step() {
                    guard let profile = select.string(0), let period = select.string(1).flatMap(DigestPeriod.init), period.kind == kind,
                          period <= day
                    else { continue }
                    if latest[profile].map({ $0 < period }) ?? true { latest[profile] = period }
                }
                return latest
            }
        }
    }

    public func databaseSize() async throws(StorageError) -> Int64 {
        let pages = try locked { db throws(StorageError) in
            try db.withStatement("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", operation: "read database size") {
                select throws(StorageError) in
                try select.step() ? select.int64(0) : 0
            }
        }
        // The log holds pages not yet copied into the file: until a checkpoint, they take room too.
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
        return pages + log
    }

    public func firstItemStoredAt() async throws(StorageError) -> Date? {
        try locked { db throws(StorageError) in
            try db.withStatement("SELECT first_seen_at FROM items ORDER BY id LIMIT 1", operation: "read first item") {
                select throws(StorageError) in
                try select.step() ? select.date(0) : nil
            }
        }
    }

    public func item(id: Int64) async throws(StorageError) -> FeedItem? {
        try locked { db throws(StorageError) in
            try db.withStatement("SELECT \(Self.itemColumns) FROM items i WHERE i.id = ?1", operation: "read item \(id)") {
                select throws(StorageError) in
                try select.bind(1, id)
                return try select.step() ? try readItem(select, from: 0) : nil
            }
        }
    }

    public func activity(since: Date) async throws(StorageError) -> Activity {
        try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT (SELECT count(*) FROM items WHERE first_seen_at >= ?1),
                       (SELECT count(*) FROM matches WHERE matched_at >= ?1),
                       (SELECT count(*) FROM matches WHERE digest_id IS NULL AND weekly_digest_id IS NULL),
                       (SELECT count(*) FROM items),
                       (SELECT max(last_fetch_at) FROM sources),
                       (SELECT max(written_at) FROM digests)
                """,
                operation: "read activity"
            ) { select throws(StorageError) in
                try select.bind(1, since)
                _ = try select.step()
                return Activity(
                    newItems: Int(select.int64(0)), newMatches: Int(select.int64(1)), pendingMatches: Int(select.int64(2)),
                    totalItems: Int(select.int64(3)), lastFetchAt: select.date(4), lastDigestAt: select.date(5))
            }
        }
    }

    public func findItem(_ key: String) async throws(StorageError) -> StoredItem? {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        return try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT i.id, i.source, \(Self.itemColumns), i.first_seen_at FROM items i
                WHERE i.id = ?1 OR i.guid = ?2 OR i.link = ?2 OR i.canonical_link = ?3
                ORDER BY i.id LIMIT 1
                """,
                operation: "find item"
            ) { select throws(StorageError) in
                try select.bind(1, Int64(trimmed) ?? -1)
                try select.bind(2, trimmed)
                try select.bind(3, CanonicalLink.canonicalize(trimmed))
                guard try select.step() else { return nil }
                return StoredItem(
                    id: select.int64(0), source: select.string(1) ?? "", item: try readItem(select, from: 2),
                    firstSeenAt: select.date(12))
            }
        }
    }

    // MARK: Internals

    func locked<Result>(_ body: (Connection) throws(StorageError) -> Result) throws(StorageError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { throw closedError }
        return try body(connection)
    }

    /// Runs `body` on the reading connection, opening it first if needed; writes through it fail.
    private func lockedReader<Result>(_ body: (Connection) throws(StorageError) -> Result) throws(StorageError) -> Result {
        readerLock.lock()
        defer { readerLock.unlock() }
        if let reader { return try body(reader) }
        guard !readerClosed else { throw closedError }
        let opened = try Connection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        reader = opened
        return try body(opened)
    }

    private var closedError: StorageError {
        StorageError(operation: "use", kind: .unavailable, message: "the store is closed", database: path)
    }

    private func readUserVersion(_ connection: Connection) throws(StorageError) -> Int {
        try connection.withStatement("PRAGMA user_version", operation: "read schema version") { pragma throws(StorageError) in
            _ = try pragma.step()
            return Int(pragma.int64(0))
        }
    }

    /// A read-only store cannot migrate, and its queries are written for the latest schema.
    private func requireLatestSchema(_ connection: Connection) throws(StorageError) {
        let current = try readUserVersion(connection)
        guard current == Schema.latestVersion else {
            let advice = current < Schema.latestVersion
                ? "older than the \(Schema.latestVersion) this veilleur reads; a crawl or the daemon updates it"
                : "newer than the \(Schema.latestVersion) this veilleur knows; use a newer veilleur"
            throw StorageError(operation: "open read-only", kind: .schemaVersion, message: "schema version \(current) is \(advice)", database: path)
        }
    }

    private func migrate(_ connection: Connection) throws(StorageError) {
        let current = try readUserVersion(connection)
        guard current <= Schema.latestVersion else {
            throw StorageError(
                operation: "open", kind: .schemaVersion,
                message: "schema version \(current) is newer than the \(Schema.latestVersion) this veilleur knows; use a newer veilleur",
                database: path
            )
        }
        for version in (current + 1)..<(Schema.latestVersion + 1) {
            let operation = "migrate to schema version \(version)"
            try connection.transaction(operation) { () throws(StorageError) in
                // Another process opening the same file may have run it since the version was read; the write
                // lock the transaction took first makes this second reading final.
                guard try readUserVersion(connection) < version else { return }
                try connection.execute(Schema.migrations[version - 1], operation: operation)
                if Schema.migrations[version - 1] == Schema.bandKeysPerItem {
                    try storeMissingBandKeys(connection, operation: operation)
                }
                try connection.execute("PRAGMA user_version = \(version)", operation: operation)
            }
        }
    }

    private func updateSource(_ db: Connection, _ fetch: FetchRecord, operation: String) throws(StorageError) {
        // Validators change only with a full response; a 304 or a failure keeps the last good ones. Whoever
        // held the source's lease, the fetch is done: the lease ends with it.
        let sql: String
        var reason: String?
        var validators: (etag: String?, lastModified: String?)?
        switch fetch.outcome {
        case .modified(let etag, let lastModified):
            validators = (etag, lastModified)
            sql = """
                UPDATE sources SET etag = ?2, last_modified = ?3, last_fetch_at = ?4, last_success_at = ?4,
                    last_status = 'ok', last_error = NULL, consecutive_failures = 0, next_due_at = ?5,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = ?1
                """
        case .notModified:
            sql = """
                UPDATE sources SET last_fetch_at = ?4, last_success_at = ?4,
                    last_status = 'unchanged', last_error = NULL, consecutive_failures = 0, next_due_at = ?5,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = ?1
                """
        case .failed(let why):
            reason = why
            sql = """
                UPDATE sources SET last_fetch_at = ?4, last_status = 'failed', last_error = ?6,
                    consecutive_failures = consecutive_failures + 1, next_due_at = ?5,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = ?1
                """
        }
        try db.withStatement(sql, operation: operation) { update throws(StorageError) in
            try update.bind(1, fetch.source)
            if let validators {
                try update.bind(2, validators.etag)
                try update.bind(3, validators.lastModified)
            }
            try update.bind(4, fetch.fetchedAt)
            try update.bind(5, fetch.nextDueAt)
            if let reason { try update.bind(6, reason) }
            try update.run()
        }
        guard db.changes == 1 else {
            throw StorageError(operation: operation, message: "unknown source '\(fetch.source)'; declare it with syncSources first", database: path)
        }
        if let movedTo = fetch.movedTo {
            try db.withStatement("UPDATE sources SET effective_url = ?2 WHERE name = ?1", operation: operation) { update throws(StorageError) in
                try update.bind(1, fetch.source)
                try update.bind(2, movedTo)
                try update.run()
            }
        }
    }

    private func updateSchedule(_ db: Connection, source: String, _ schedule: SourceSchedule, operation: String) throws(StorageError) {
        try db.withStatement(
            "UPDATE sources SET current_interval = ?2, rate_per_day = ?3, next_due_at = ?4 WHERE name = ?1", operation: operation
        ) { update throws(StorageError) in
            try update.bind(1, source)
            try update.bind(2, schedule.interval)
            try update.bind(3, schedule.itemsPerDay)
            try update.bind(4, schedule.nextDueAt)
            try update.run()
        }
    }

    /// Items of `source` first seen in the 24 hours before `before`: what its daily cap counts.
    private func newItemsOfDay(_ db: Connection, source: String, before: Date, operation: String) throws(StorageError) -> Int {
        try db.withStatement(
            "SELECT count(*) FROM items WHERE source = ?1 AND first_seen_at > ?2", operation: operation
        ) { select throws(StorageError) in
            try select.bind(1, source)
            try select.bind(2, before.addingTimeInterval(-86_400))
            return try select.step() ? Int(select.int64(0)) : 0
        }
    }

    /// What became of one item offered to the store.
    private enum Insertion {
        /// Stored under this row id.
        case inserted(Int64)
        /// Already stored from another source, under this row id: the matches this source brings are added
        /// for profiles that have none on the item, so that which copy a crawl reads first does not decide
        /// which profiles see it.
        case copy(Int64)
        /// Already stored from the same source (by GUID, canonical link, or title for items with neither),
        /// or unidentifiable.
        case known
        /// New, but its source's daily cap is reached: left for a later fetch.
        case overCap
    }

    /// How an item offered by a source stands against what is stored.
    private enum Identity {
        /// Neither GUID, link nor title: it cannot be told apart from the next, and is never stored.
        case unidentifiable
        /// Stored under this row id, from this source when `sameSource`, which a pruned item always is: it
        /// takes nothing more from any source.
        case stored(id: Int64, sameSource: Bool)
        /// Not stored yet.
        case new
    }

    /// Looks `item` up by GUID or canonical link, or by source and title for an item with neither.
    private func identify(_ db: Connection, _ keys: ItemIdentity.Keys, source: String, operation: String) throws(StorageError) -> Identity {
        if keys.isGloballyIdentified {
            let stored = try db.withStatement(
                """
                SELECT id, source, pruned_at IS NOT NULL FROM items WHERE guid_key = ?1
                UNION ALL SELECT id, source, pruned_at IS NOT NULL FROM items WHERE canonical_link = ?2 LIMIT 1
                """,
                operation: operation
            ) { exists throws(StorageError) -> (id: Int64, source: String, pruned: Bool)? in
                try exists.bind(1, keys.guidKey)
                try exists.bind(2, keys.canonical)
                return try exists.step() ? (exists.int64(0), exists.string(1) ?? "", exists.int64(2) != 0) : nil
            }
            guard let stored else { return .new }
            // A pruned item is known to every source: its matches are gone, and a copy adding them again
            // would alert it again.
            return .stored(id: stored.id, sameSource: stored.source == source || stored.pruned)
        }
        guard let title = keys.title else { return .unidentifiable }
        let stored = try db.withStatement(
            "SELECT id FROM items WHERE source = ?1 AND guid IS NULL AND canonical_link IS NULL AND title = ?2 LIMIT 1",
            operation: operation
        ) { exists throws(StorageError) -> Int64? in
            try exists.bind(1, source)
            try exists.bind(2, title)
            return try exists.step() ? exists.int64(0) : nil
        }
        return stored.map { .stored(id: $0, sameSource: true) } ?? .new
    }

    public func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool] {
        let operation = "look up items of \(source)"
        return try lockedReader { db throws(StorageError) in
            try db.readTransaction(operation) { () throws(StorageError) -> [Bool] in
                var unknown: [Bool] = []
                unknown.reserveCapacity(items.count)
                for item in items {
                    switch try identify(db, ItemIdentity.keys(of: item, source: source), source: source, operation: operation) {
                    case .unidentifiable, .stored(_, sameSource: true): unknown.append(false)
                    case .stored(_, sameSource: false), .new: unknown.append(true)
                    }
                }
                return unknown
            }
        }
    }

    /// Inserts `item` unless its GUID or canonical link is already stored; returns the new row id.
    ///
    /// An item with neither GUID nor link is recognised by its source and title; one with no title
    /// either cannot be told apart from the next and is not stored.
    private func insertIfNew(
        _ db: Connection, _ entry: ItemWithMatches, source: String, seenAt: Date, allowed: Bool, operation: String
    ) throws(StorageError) -> Insertion {
        let keys = ItemIdentity.keys(of: entry, source: source)
        // The unique indexes on GUID key and canonical link hold what `identify` looks an item with either up by, so
        // the insert itself tells whether it is stored: the items a crawl offers are new (it asked `unknownItems`
        // first), and each is then looked up once, by the insert, instead of twice.
        if keys.isGloballyIdentified, allowed, try insert(db, entry, keys: keys, source: source, seenAt: seenAt, operation: operation) {
            return .inserted(db.lastInsertRowID)
        }
        switch try identify(db, keys, source: source, operation: operation) {
        case .unidentifiable, .stored(_, sameSource: true): return .known
        case .stored(let id, sameSource: false): return .copy(id)
        case .new: break
        }
        guard allowed else { return .overCap }
        // Only an item with neither GUID nor link gets here new, and no unique index holds those.
        guard try insert(db, entry, keys: keys, source: source, seenAt: seenAt, operation: operation) else { return .known }
        return .inserted(db.lastInsertRowID)
    }

    /// Inserts the item of `entry` unless its GUID key or canonical link is stored already; true when it did.
    private func insert(
        _ db: Connection, _ entry: ItemWithMatches, keys: ItemIdentity.Keys, source: String, seenAt: Date, operation: String
    ) throws(StorageError) -> Bool {
        let item = entry.item
        let categories = JSONColumn.encode(item.categories)
        try db.withStatement(
            """
            INSERT INTO items (source, guid, canonical_link, link, title, author, published, updated,
                               summary_text, content_text, categories, first_seen_at, guid_key, enclosures)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            ON CONFLICT DO NOTHING
            """,
            operation: operation
        ) { insert throws(StorageError) in
            try insert.bind(1, source)
            try insert.bind(2, keys.guid)
            try insert.bind(3, keys.canonical)
            try insert.bind(4, item.link)
            try insert.bind(5, item.title)
            try insert.bind(6, item.author)
            try insert.bind(7, item.published)
            try insert.bind(8, item.updated)
            try insert.bind(9, item.summaryText)
            try insert.bind(10, item.contentText)
            try insert.bind(11, categories)
            try insert.bind(12, seenAt)
            try insert.bind(13, keys.guidKey)
            try insert.bind(14, StoredEnclosures.encode(item.enclosures))
            try insert.run()
        }
        return db.changes == 1
    }

    /// The item columns read by `readItem`, in its order, for a table aliased `i`.
    static let itemColumns =
        "i.guid, i.title, i.link, i.published, i.updated, i.author, i.summary_text, i.content_text, i.categories, i.enclosures"

    func readItem(_ row: Statement, from first: Int32) throws(StorageError) -> FeedItem {
        FeedItem(
            id: row.string(first), title: row.string(first + 1), link: row.string(first + 2),
            published: row.date(first + 3), updated: row.date(first + 4), author: row.string(first + 5),
            summaryText: row.string(first + 6), contentText: row.string(first + 7),
            categories: try JSONColumn.decode(row.string(first + 8), column: "items.categories", database: path),
            enclosures: try StoredEnclosures.decode(row.string(first + 9), database: path)
        )
    }
}
