import Foundation
import Model

/// Leases, digest periods and declarations: what lets several daemons share one database. A claim takes
/// the due rows with `SELECT … FOR UPDATE SKIP LOCKED` inside one `UPDATE … RETURNING`, so two daemons
/// claiming at once each skip the rows the other is taking instead of waiting for them.
extension PostgresStore {
    /// The key of the advisory lock declarations run under, so that two daemons syncing at once each see
    /// the other's declaration before retiring anything ("veilleus" in ASCII, beside the migration lock).
    static let declarationLock: Int64 = 0x7665_696C_6C65_7573

    public func claimSources(among names: [String], owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [SourceState] {
        guard limit > 0, !names.isEmpty else { return [] }
        let claimed = try await withSession("claim due sources for \(owner)") { db throws(StorageError) -> [SourceState] in
            var states: [SourceState] = []
            for row in try await db.rows(
                """
                UPDATE sources SET lease_owner = $1, lease_until = $2
                WHERE name IN (
                    SELECT name FROM sources
                    WHERE NOT retired AND next_due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
                      AND name = ANY($4::text[])
                    ORDER BY next_due_at, name LIMIT $5
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.sourceColumns)
                """,
                .text(owner), .date(until), .date(now), .texts(names), .int(Int64(limit)))
            {
                states.append(try Self.readSourceState(row))
            }
            return states
        }
        // RETURNING gives rows in no promised order.
        return claimed.sorted { ($0.nextDueAt, $0.name) < ($1.nextDueAt, $1.name) }
    }

    public func nextClaimTime(among names: [String]) async throws(StorageError) -> Date? {
        guard !names.isEmpty else { return nil }
        return try await withSession("read the next claim time") { db throws(StorageError) -> Date? in
            // GREATEST ignores a null lease.
            try await db.row(
                "SELECT min(GREATEST(next_due_at, lease_until)) FROM sources WHERE NOT retired AND name = ANY($1::text[])",
                .texts(names))?.date(0)
        }
    }

    public func releaseSources(owner: String) async throws(StorageError) {
        _ = try await withSession("release the sources leased to \(owner)") { db throws(StorageError) in
            try await db.rows("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", .text(owner))
        }
    }

    public func keepAlive(member: String, owner: String, now: Date, until: Date) async throws(StorageError) {
        try await withRetriedTransaction("keep \(member) alive") { db throws(StorageError) in
            try await db.rows("UPDATE members SET seen_at = $2 WHERE name = $1", .text(member), .date(now))
            // Rows locked meanwhile are being recorded (their lease ends with the recording) or released: they
            // are skipped rather than waited for, so a renewal never deadlocks with this daemon's own work.
            try await db.rows(
                """
                UPDATE sources SET lease_until = $3 WHERE name IN (
                    SELECT name FROM sources WHERE lease_owner = $1 AND lease_until > $2 FOR UPDATE SKIP LOCKED)
                """, .text(owner), .date(now), .date(until))
            try await db.rows(
                """
                UPDATE digest_leases SET lease_until = $3 WHERE period IN (
                    SELECT period FROM digest_leases WHERE owner = $1 AND lease_until > $2 FOR UPDATE SKIP LOCKED)
                """, .text(owner), .date(now), .date(until))
        }
    }

    public func claimDigestPeriod(_ period: String, owner: String, now: Date, until: Date, again: Bool) async throws(StorageError) -> DigestClaim {
        try await withTransaction("claim the digests of \(period) for \(owner)") { db throws(StorageError) -> DigestClaim in
            // A free row first, so that two daemons asking for a new period queue on its lock instead of
            // one of them failing on the primary key.
            try await db.rows(
                "INSERT INTO digest_leases (period, owner, lease_until) VALUES ($1, '', $2) ON CONFLICT (period) DO NOTHING",
                .text(period), .date(.distantPast))
            guard let held = try await db.row(
                "SELECT owner, lease_until, done_at FROM digest_leases WHERE period = $1 FOR UPDATE", .text(period))
            else {
                throw StorageError.postgres(
                    "claim the digests of \(period)", kind: .other, message: "the period's lease row vanished", database: location.description)
            }
            let holder = try held.string(0) ?? ""
            let heldUntil = try held.date(1) ?? .distantPast
            if holder != owner, heldUntil > now { return .held(by: holder, until: heldUntil) }
            if let doneAt = try held.date(2), !again { return .done(by: holder, at: doneAt) }
            try await db.rows(
                "UPDATE digest_leases SET owner = $2, lease_until = $3 WHERE period = $1", .text(period), .text(owner), .date(until))
            return .granted
        }
    }

    public func releaseDigestPeriod(_ period: String, owner: String, done: Bool, now: Date) async throws(StorageError) {
        let sql = done
            ? "UPDATE digest_leases SET done_at = $3, lease_until = $3 WHERE period = $1 AND owner = $2"
            : "UPDATE digest_leases SET lease_until = $3 WHERE period = $1 AND owner = $2 AND lease_until > $3"
        _ = try await withSession("release the digests of \(period)") { db throws(StorageError) in
            try await db.rows(sql, .text(period), .text(owner), .date(now))
        }
    }

    public func retireSources(_ names: [String], liveSince: Date) async throws(StorageError) -> SourceRetirement {
        try await withRetriedTransaction("retire sources") { db throws(StorageError) -> SourceRetirement in
            try await db.rows("SELECT pg_advisory_xact_lock($1)", .int(Self.declarationLock))
            var known: Set<String> = []
            for row in try await db.rows("SELECT name FROM sources WHERE name = ANY($1::text[])", .texts(names)) {
                if let name = try row.string(0) { known.insert(name) }
            }
            var retirement = SourceRetirement()
            var retired: [String] = []
            for name in names {
                if known.contains(name) {
                    if !retired.contains(name) { retired.append(name) }
                } else {
                    retirement.unknown.append(name)
                }
            }
            retirement.retired = retired
            for row in try await db.rows(
                """
                SELECT ms.source, m.name FROM member_sources ms JOIN members m ON m.name = ms.member
                WHERE ms.source = ANY($1::text[]) AND m.seen_at >= $2 ORDER BY m.name
                """,
                .texts(retired), .date(liveSince))
            {
                guard let source = try row.string(0), let member = try row.string(1) else { continue }
                retirement.declaredBy[source, default: []].append(member)
            }
            // A daemon that declared one must write its list again when it next declares the same one.
            try await db.rows(
                "UPDATE members SET fingerprint = NULL WHERE name IN (SELECT member FROM member_sources WHERE source = ANY($1::text[]))",
                .texts(retired))
            try await db.rows("DELETE FROM member_sources WHERE source = ANY($1::text[])", .texts(retired))
            try await db.rows(
                "UPDATE sources SET retired = true, lease_owner = NULL, lease_until = NULL WHERE name = ANY($1::text[])", .texts(retired))
            return retirement
        }
    }

    public func leave(member: String, owner: String, now: Date) async throws(StorageError) {
        try await withRetriedTransaction("leave as \(member)") { db throws(StorageError) in
            try await db.rows("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", .text(owner))
            try await db.rows("UPDATE digest_leases SET lease_until = $2 WHERE owner = $1 AND lease_until > $2", .text(owner), .date(now))
            try await db.rows("DELETE FROM members WHERE name = $1", .text(member))
        }
    }

    // MARK: Declarations, inside the transaction of `syncSources`

    /// Records `names` as `member`'s declaration, by `owner`, seen at `now`; the list is rewritten only when
    /// its fingerprint changed, and the leases of a previous owner of `member` are released. Runs under the
    /// declaration lock, taken first.
    func declare(_ db: PostgresSession, _ names: [String], member: String, owner: String, now: Date) async throws(StorageError) {
        try await db.rows("SELECT pg_advisory_xact_lock($1)", .int(Self.declarationLock))
        let fingerprint = SourceListFingerprint.of(names)
        let stored = try await db.row("SELECT owner, fingerprint FROM members WHERE name = $1", .text(member))
        let storedOwner = try stored?.string(0)
        let storedFingerprint = try stored?.string(1)
        if let previous = storedOwner, previous != owner {
            try await db.rows("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", .text(previous))
            try await db.rows(
                "UPDATE digest_leases SET lease_until = $2 WHERE owner = $1 AND lease_until > $2", .text(previous), .date(now))
        }
        try await db.rows(
            """
            INSERT INTO members (name, owner, seen_at, fingerprint) VALUES ($1, $2, $3, $4)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, seen_at = excluded.seen_at, fingerprint = excluded.fingerprint
            """,
            .text(member), .text(owner), .date(now), .text(fingerprint))
        guard storedFingerprint != fingerprint else { return }
        try await db.rows("DELETE FROM member_sources WHERE member = $1", .text(member))
        try await db.rows(
            "INSERT INTO member_sources (member, source) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", .text(member), .texts(names))
    }

    /// Forgets the daemons not seen since `liveSince`, then retires exactly the sources no remaining
    /// daemon declares (and un-retires those one does).
    func retireUndeclared(_ db: PostgresSession, liveSince: Date) async throws(StorageError) {
        try await db.rows("DELETE FROM members WHERE seen_at < $1", .date(liveSince))
        try await db.rows(
            """
            UPDATE sources SET retired = NOT EXISTS (SELECT 1 FROM member_sources ms WHERE ms.source = sources.name)
            WHERE retired IS DISTINCT FROM NOT EXISTS (SELECT 1 FROM member_sources ms WHERE ms.source = sources.name)
            """)
    }
}
