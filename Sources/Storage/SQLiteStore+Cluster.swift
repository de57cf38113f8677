import Foundation
import Model

/// Leases, digest periods and declarations: what lets several daemons share one database. With SQLite the
/// single writer makes each claim exclusive: it runs in a `BEGIN IMMEDIATE` transaction, which takes the
/// write lock before it reads.
extension SQLiteStore {
    public func claimSources(among names: [String], owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [SourceState] {
        guard limit > 0, !names.isEmpty else { return [] }
        let operation = "claim due sources for \(owner)"
        let list = JSONColumn.strings(names)
        let claimed = try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> [SourceState] in
                try db.withStatement(
                    """
                    UPDATE sources SET lease_owner = ?1, lease_until = ?2
                    WHERE name IN (
                        SELECT name FROM sources
                        WHERE retired = 0 AND next_due_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3)
                          AND name IN (SELECT value FROM json_each(?4))
                        ORDER BY next_due_at, name LIMIT ?5)
                    RETURNING \(Self.sourceColumns)
                    """,
                    operation: operation
                ) { claim throws(StorageError) -> [SourceState] in
                    try claim.bind(1, owner)
                    try claim.bind(2, until)
                    try claim.bind(3, now)
                    try claim.bind(4, list)
                    try claim.bind(5, limit)
                    var states: [SourceState] = []
                    while try claim.step() {
                        states.append(Self.readSourceState(claim))
                    }
                    return states
                }
            }
        }
        // RETURNING gives rows in no promised order.
        return claimed.sorted { ($0.nextDueAt, $0.name) < ($1.nextDueAt, $1.name) }
    }

    public func nextClaimTime(among names: [String]) async throws(StorageError) -> Date? {
        guard !names.isEmpty else { return nil }
        let list = JSONColumn.strings(names)
        return try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT min(max(next_due_at, coalesce(lease_until, next_due_at))) FROM sources
                WHERE retired = 0 AND name IN (SELECT value FROM json_each(?1))
                """,
                operation: "read the next claim time"
            ) { select throws(StorageError) -> Date? in
                try select.bind(1, list)
                return try select.step() ? select.date(0) : nil
            }
        }
    }

    public func releaseSources(owner: String) async throws(StorageError) {
        try locked { db throws(StorageError) in
            try releaseSourceLeases(db, owner: owner, operation: "release the sources leased to \(owner)")
        }
    }

    public func keepAlive(member: String, owner: String, now: Date, until: Date) async throws(StorageError) {
        let operation = "keep \(member) alive"
        try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) in
                try run(db, "UPDATE members SET seen_at = ?2 WHERE name = ?1", operation: operation) { update throws(StorageError) in
                    try update.bind(1, member)
                    try update.bind(2, now)
                }
                for sql in [
                    "UPDATE sources SET lease_until = ?3 WHERE lease_owner = ?1 AND lease_until > ?2",
                    "UPDATE digest_leases SET lease_until = ?3 WHERE owner = ?1 AND lease_until > ?2",
                ] {
                    try run(db, sql, operation: operation) { update throws(StorageError) in
                        try update.bind(1, owner)
                        try update.bind(2, now)
                        try update.bind(3, until)
                    }
                }
            }
        }
    }

    public func claimDigestPeriod(_ period: String, owner: String, now: Date, until: Date, again: Bool) async throws(StorageError) -> DigestClaim {
        let operation = "claim the digests of \(period) for \(owner)"
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> DigestClaim in
                let held = try db.withStatement(
                    "SELECT owner, lease_until, done_at FROM digest_leases WHERE period = ?1", operation: operation
                ) { select throws(StorageError) -> (owner: String, until: Date, doneAt: Date?)? in
                    try select.bind(1, period)
                    guard try select.step() else { return nil }
                    return (select.string(0) ?? "", select.date(1) ?? .distantPast, select.date(2))
                }
                if let held {
                    if held.owner != owner, held.until > now { return .held(by: held.owner, until: held.until) }
                    if let doneAt = held.doneAt, !again { return .done(by: held.owner, at: doneAt) }
                }
                try run(
                    db,
                    """
                    INSERT INTO digest_leases (period, owner, lease_until) VALUES (?1, ?2, ?3)
                    ON CONFLICT (period) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
                    """,
                    operation: operation
                ) { upsert throws(StorageError) in
                    try upsert.bind(1, period)
                    try upsert.bind(2, owner)
                    try upsert.bind(3, until)
                }
                return .granted
            }
        }
    }

    public func releaseDigestPeriod(_ period: String, owner: String, done: Bool, now: Date) async throws(StorageError) {
        let operation = "release the digests of \(period)"
        let sql = done
            ? "UPDATE digest_leases SET done_at = ?3, lease_until = ?3 WHERE period = ?1 AND owner = ?2"
            : "UPDATE digest_leases SET lease_until = ?3 WHERE period = ?1 AND owner = ?2 AND lease_until > ?3"
        try locked { db throws(StorageError) in
            try run(db, sql, operation: operation) { statement throws(StorageError) in
                try statement.bind(1, period)
                try statement.bind(2, owner)
                try statement.bind(3, now)
            }
        }
    }

    public func retireSources(_ names: [String], liveSince: Date) async throws(StorageError) -> SourceRetirement {
        let operation = "retire sources"
        return try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) -> SourceRetirement in
                var retirement = SourceRetirement()
                for name in names {
                    let known = try db.withStatement("SELECT 1 FROM sources WHERE name = ?1", operation: operation) {
                        select throws(StorageError) -> Bool in
                        try select.bind(1, name)
                        return try select.step()
                    }
                    guard known else {
                        retirement.unknown.append(name)
                        continue
                    }
                    let declarers = try db.withStatement(
                        """
                        SELECT m.name FROM member_sources ms JOIN members m ON m.name = ms.member
                        WHERE ms.source = ?1 AND m.seen_at >= ?2 ORDER BY m.name
                        """,
                        operation: operation
                    ) { select throws(StorageError) -> [String] in
                        try select.bind(1, name)
                        try select.bind(2, liveSince)
                        var members: [String] = []
                        while try select.step() { members.append(select.string(0) ?? "") }
                        return members
                    }
                    if !declarers.isEmpty { retirement.declaredBy[name] = declarers }
                    // A daemon that declared it must write its list again when it next declares the same one.
                    for sql in [
                        "UPDATE members SET fingerprint = NULL WHERE name IN (SELECT member FROM member_sources WHERE source = ?1)",
                        "DELETE FROM member_sources WHERE source = ?1",
                        "UPDATE sources SET retired = 1, lease_owner = NULL, lease_until = NULL WHERE name = ?1",
                    ] {
                        try run(db, sql, operation: operation) { statement throws(StorageError) in try statement.bind(1, name) }
                    }
                    retirement.retired.append(name)
                }
                return retirement
            }
        }
    }

    public func leave(member: String, owner: String, now: Date) async throws(StorageError) {
        let operation = "leave as \(member)"
        try locked { db throws(StorageError) in
            try db.transaction(operation) { () throws(StorageError) in
                try releaseSourceLeases(db, owner: owner, operation: operation)
                try run(db, "UPDATE digest_leases SET lease_until = ?2 WHERE owner = ?1 AND lease_until > ?2", operation: operation) {
                    release throws(StorageError) in
                    try release.bind(1, owner)
                    try release.bind(2, now)
                }
                try run(db, "DELETE FROM members WHERE name = ?1", operation: operation) { delete throws(StorageError) in
                    try delete.bind(1, member)
                }
            }
        }
    }

    // MARK: Declarations, inside the transaction of `syncSources`

    /// Records `names` as `member`'s declaration, by `owner`, seen at `now`; the list is rewritten only when
    /// its fingerprint changed, and the leases of a previous owner of `member` are released.
    func declare(_ db: Connection, _ names: [String], member: String, owner: String, now: Date, operation: String) throws(StorageError) {
        let fingerprint = SourceListFingerprint.of(names)
        let stored = try db.withStatement("SELECT owner, fingerprint FROM members WHERE name = ?1", operation: operation) {
            select throws(StorageError) -> (owner: String, fingerprint: String?)? in
            try select.bind(1, member)
            return try select.step() ? (select.string(0) ?? "", select.string(1)) : nil
        }
        if let previous = stored?.owner, previous != owner {
            try releaseSourceLeases(db, owner: previous, operation: operation)
            try run(db, "UPDATE digest_leases SET lease_until = ?2 WHERE owner = ?1 AND lease_until > ?2", operation: operation) {
                release throws(StorageError) in
                try release.bind(1, previous)
                try release.bind(2, now)
            }
        }
        try run(
            db,
            """
            INSERT INTO members (name, owner, seen_at, fingerprint) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, seen_at = excluded.seen_at, fingerprint = excluded.fingerprint
            """,
            operation: operation
        ) { upsert throws(StorageError) in
            try upsert.bind(1, member)
            try upsert.bind(2, owner)
            try upsert.bind(3, now)
            try upsert.bind(4, fingerprint)
        }
        guard stored?.fingerprint != fingerprint else { return }
        try run(db, "DELETE FROM member_sources WHERE member = ?1", operation: operation) { delete throws(StorageError) in
            try delete.bind(1, member)
        }
        try db.withStatement(
            "INSERT OR IGNORE INTO member_sources (member, source) VALUES (?1, ?2)", operation: operation
        ) { insert throws(StorageError) in
            for name in names {
                try insert.bind(1, member)
                try insert.bind(2, name)
                try insert.run()
            }
        }
    }

    /// Forgets the daemons not seen since `liveSince`, then retires exactly the sources no remaining
    /// daemon declares (and un-retires those one does).
    func retireUndeclared(_ db: Connection, liveSince: Date, operation: String) throws(StorageError) {
        try run(db, "DELETE FROM members WHERE seen_at < ?1", operation: operation) { delete throws(StorageError) in
            try delete.bind(1, liveSince)
        }
        try db.execute(
            """
            UPDATE sources SET retired = NOT EXISTS (SELECT 1 FROM member_sources WHERE source = sources.name)
            WHERE retired != NOT EXISTS (SELECT 1 FROM member_sources WHERE source = sources.name)
            """,
            operation: operation
        )
    }

    private func releaseSourceLeases(_ db: Connection, owner: String, operation: String) throws(StorageError) {
        try run(db, "UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?1", operation: operation) {
            release throws(StorageError) in try release.bind(1, owner)
        }
    }

    /// Binds with `bind`, then runs one statement that returns no rows.
    private func run(_ db: Connection, _ sql: String, operation: String, bind: (Statement) throws(StorageError) -> Void) throws(StorageError) {
        try db.withStatement(sql, operation: operation) { statement throws(StorageError) in
            try bind(statement)
            try statement.run()
        }
    }
}
