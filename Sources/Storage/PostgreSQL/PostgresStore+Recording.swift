import Foundation
import Model
import TextNormalization

/// Recording fetches: the source's state, its new items, their near-duplicate story and their matches,
/// in one transaction per call.
extension PostgresStore {
    /// The key of the transaction-level advisory lock taken by every `record` that may fold near-duplicates
    /// ("fold" in ASCII): of two copies of a story recorded at once by two connections, the later one is
    /// compared with the earlier, as SQLite's single writer would have it, instead of neither seeing the other.
    static let foldLock: Int64 = 0x666F_6C64

    public func record(
        _ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?
    ) async throws(StorageError) -> [RecordSummary] {
        guard let earliest = fetches.map(\.fetchedAt).min() else { return [] }
        let operation = fetches.count == 1 ? "record fetch of \(fetches[0].source)" : "record fetches of \(fetches.count) sources"
        // Two daemons whose batches touch the same rows in other orders may deadlock; PostgreSQL then rolls one
        // back whole, and it runs again.
        return try await withRetriedTransaction(operation) { db throws(StorageError) in
            if fetches.contains(where: { $0.items.contains { $0.fingerprint != nil } }) {
                // Taken first, before any row lock, so waiting for it cannot deadlock: it waits without
                // the busy timeout, since every daemon's recordings queue here, then the timeout applies again.
                try await db.rows("SET LOCAL lock_timeout = 0")
                try await db.rows("SELECT pg_advisory_xact_lock($1)", .int(Self.foldLock))
                try await db.rows("SET LOCAL lock_timeout TO DEFAULT")
            }
            // Held shared until the transaction ends, so that a batch of retention (which holds it alone)
            // never prunes an item between this recording's lookup of it and the matches it adds.
            try await db.rows("SELECT pg_advisory_xact_lock_shared($1)", .int(Self.pruneLock))
            try await pruneNearDuplicateIndex(db, now: earliest)
            var summaries: [RecordSummary] = []
            summaries.reserveCapacity(fetches.count)
            for (index, fetch) in fetches.enumerated() {
                summaries.append(try await record(db, fetch) { summary in reschedule(index, summary) })
            }
            return summaries
        }
    }

    /// How many times a recording that PostgreSQL chose as a deadlock victim or could not serialise is tried.
    static let recordAttempts = 3

    /// A deadlock (40P01) or a serialisation failure (40001): the transaction was rolled back whole and may
    /// simply run again.
    static func isWorthRetrying(_ error: StorageError) -> Bool {
        error.code == "SQLSTATE 40P01" || error.code == "SQLSTATE 40001"
    }

    /// Records one fetch inside the caller's transaction.
    private func record(
        _ db: PostgresSession, _ fetch: FetchRecord, reschedule: (RecordSummary) -> SourceSchedule?
    ) async throws(StorageError) -> RecordSummary {
        try await updateSource(db, fetch)
        var summary = RecordSummary(newItems: 0, newMatches: 0)
        var allowance: Int?
        if let cap = fetch.dailyNewItemCap {
            allowance = max(0, cap - (try await newItemsOfDay(db, source: fetch.source, before: fetch.fetchedAt)))
        }
        var matched: [(itemID: Int64, matches: [Match])] = []
        let keys = fetch.items.map { ItemIdentity.keys(of: $0, source: fetch.source) }
        let lookups = try await lookUp(db, keys, source: fetch.source)
        // What this fetch stored so far: the lookup above ran before it, and an item may come twice in a document.
        var storedKeys = Set<String>()
        for (index, entry) in fetch.items.enumerated() {
            let identity = Self.identity(lookups[index], keys: keys[index], storedEarlier: storedKeys)
            let insertion = try await insertIfNew(
                db, entry, keys: keys[index], identity: identity, source: fetch.source, seenAt: fetch.fetchedAt, allowed: allowance != 0)
            if case .inserted = insertion { storedKeys.formUnion(Self.lookupKeys(keys[index])) }
            let itemID: Int64
            switch insertion {
            case .inserted(let id, let joinedStory):
                allowance = allowance.map { $0 - 1 }
                summary.newItems += 1
                if joinedStory { summary.nearDuplicates += 1 }
                itemID = id
            case .copy(let id):
                itemID = id
            case .known:
                continue
            case .overCap:
                summary.itemsOverCap += 1
                continue
            }
            if !entry.matches.isEmpty { matched.append((itemID, entry.matches)) }
        }
        let inserted = try await insertMatches(db, matched, matchedAt: fetch.fetchedAt)
        summary.newMatches = inserted.count
        let alerting = inserted.filter { match in fetch.alertScores[match.profile].map { match.score >= $0 } ?? false }
        summary.newAlerts = try await raiseAlerts(db, alerting.map { ($0.itemID, $0.profile) }, at: fetch.fetchedAt)
        if let schedule = reschedule(summary) {
            try await db.rows(
                "UPDATE sources SET current_interval = $2, rate_per_day = $3, next_due_at = $4 WHERE name = $1",
                .text(fetch.source), .double(schedule.interval), .double(schedule.itemsPerDay), .date(schedule.nextDueAt))
        }
        return summary
    }

    private func updateSource(_ db: PostgresSession, _ fetch: FetchRecord) async throws(StorageError) {
        // Validators change only with a full response; a 304 or a failure keeps the last good ones. Whoever
        // held the source's lease, the fetch is done: the lease ends with it.
        let updated: [PostgresRowReader]
        switch fetch.outcome {
        case .modified(let etag, let lastModified):
            updated = try await db.rows(
                """
                UPDATE sources SET etag = $2, last_modified = $3, last_fetch_at = $4, last_success_at = $4,
                    last_status = 'ok', last_error = NULL, consecutive_failures = 0, next_due_at = $5,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = $1 RETURNING 1
                """,
                .text(fetch.source), .text(etag), .text(lastModified), .date(fetch.fetchedAt), .date(fetch.nextDueAt))
        case .notModified:
            updated = try await db.rows(
                """
                UPDATE sources SET last_fetch_at = $2, last_success_at = $2,
                    last_status = 'unchanged', last_error = NULL, consecutive_failures = 0, next_due_at = $3,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = $1 RETURNING 1
                """,
                .text(fetch.source), .date(fetch.fetchedAt), .date(fetch.nextDueAt))
        case .failed(let reason):
            updated = try await db.rows(
                """
                UPDATE sources SET last_fetch_at = $2, last_status = 'failed', last_error = $4,
                    consecutive_failures = consecutive_failures + 1, next_due_at = $3,
                    lease_owner = NULL, lease_until = NULL
                WHERE name = $1 RETURNING 1
                """,
                .text(fetch.source), .date(fetch.fetchedAt), .date(fetch.nextDueAt), .text(reason))
        }
        guard updated.count == 1 else {
            throw StorageError.postgres(
                db.operation, kind: .other, message: "unknown source '\(fetch.source)'; declare it with syncSources first",
                database: location.description)
        }
        if let movedTo = fetch.movedTo {
            try await db.rows("UPDATE sources SET effective_url = $2 WHERE name = $1", .text(fetch.source), .text(movedTo))
        }
    }

    /// Items of `source` first seen in the 24 hours before `before`: what its daily cap counts.
    private func newItemsOfDay(_ db: PostgresSession, source: String, before: Date) async throws(StorageError) -> Int {
        let row = try await db.row(
            "SELECT count(*) FROM items WHERE source = $1 AND first_seen_at > $2", .text(source), .date(before.addingTimeInterval(-86_400)))
        return Int(try row?.int64(0) ?? 0)
    }

    /// What became of one item offered to the store.
    private enum Insertion {
        /// Stored under this row id, as another copy of a stored story when `joinedStory`.
        case inserted(Int64, joinedStory: Bool)
        /// Already stored from another source, under this row id: the matches this source brings are added
        /// for profiles that have none on the item.
        case copy(Int64)
        /// Already stored from the same source, or unidentifiable.
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

    /// What one lookup found: the item's standing, and how it was found (1: GUID, 2: link, 3: title).
    private typealias Lookup = (identity: Identity, rank: Int?)

    /// Looks up how each item stands against what is stored, in one statement: by GUID key or canonical
    /// link (the GUID first), or by source and title for an item with neither.
    private func lookUp(_ db: PostgresSession, _ keys: [ItemIdentity.Keys], source: String) async throws(StorageError) -> [Lookup] {
        var lookups = keys.map { key -> Lookup in (key.isGloballyIdentified || key.title != nil ? .new : .unidentifiable, nil) }
        guard lookups.contains(where: { if case .new = $0.identity { true } else { false } }) else { return lookups }
        // Arrays cannot carry NULL here: an empty string stands for none, which no key can be.
        let found = try await db.rows(
            """
            SELECT offered.position, found.id, found.source, found.rank::bigint, found.pruned
            FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS offered (guid_key, canonical, title, position)
            CROSS JOIN LATERAL (
                SELECT rank, id, source, pruned FROM (
                    SELECT 1 AS rank, i.id, i.source, i.pruned_at IS NOT NULL AS pruned FROM items i
                    WHERE i.guid_key = nullif(offered.guid_key, '')
                    UNION ALL
                    SELECT 2, i.id, i.source, i.pruned_at IS NOT NULL FROM items i WHERE i.canonical_link = nullif(offered.canonical, '')
                    UNION ALL
                    SELECT 3, i.id, i.source, i.pruned_at IS NOT NULL FROM items i
                    WHERE offered.guid_key = '' AND offered.canonical = '' AND i.source = $4
                      AND i.guid IS NULL AND i.canonical_link IS NULL AND i.title = nullif(offered.title, '')
                ) candidates
                ORDER BY rank, id LIMIT 1
            ) found
            """,
            .texts(keys.map { $0.guidKey ?? "" }), .texts(keys.map { $0.canonical ?? "" }),
            .texts(keys.map { $0.isGloballyIdentified ? "" : $0.title ?? "" }), .text(source))
        for row in found {
            let index = Int(try row.int64(0)) - 1
            guard lookups.indices.contains(index) else { continue }
            // A pruned item is known to every source: its matches are gone, and a copy adding them again
            // would alert it again.
            let pruned = try row.bool(4)
            let sameSource = try row.string(2) == source || pruned
            lookups[index] = (.stored(id: try row.int64(1), sameSource: sameSource), Int(try row.int64(3)))
        }
        return lookups
    }

    /// An item's standing once the items stored earlier in the same fetch (`storedEarlier`, its
    /// ``lookupKeys(_:)``) are taken into account, in the order a lookup made after them would find them:
    /// by GUID first, then by link.
    private static func identity(_ lookup: Lookup, keys: ItemIdentity.Keys, storedEarlier: Set<String>) -> Identity {
        guard !storedEarlier.isEmpty else { return lookup.identity }
        let earlier = storedEarlier.intersection(lookupKeys(keys))
        if lookup.rank == 1 { return lookup.identity }
        if keys.guidKey.map({ earlier.contains("guid:" + $0) }) == true { return .stored(id: 0, sameSource: true) }
        if lookup.rank == 2 { return lookup.identity }
        return earlier.isEmpty ? lookup.identity : .stored(id: 0, sameSource: true)
    }

    /// The keys an item is looked up by, tagged by kind, to recognise an item stored earlier in the same fetch.
    private static func lookupKeys(_ keys: ItemIdentity.Keys) -> Set<String> {
        guard keys.isGloballyIdentified else { return Set([keys.title.map { "title:" + $0 }].compactMap { $0 }) }
        return Set([keys.guidKey.map { "guid:" + $0 }, keys.canonical.map { "link:" + $0 }].compactMap { $0 })
    }

    public func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool] {
        try await withSession("look up items of \(source)") { db throws(StorageError) in
            try await lookUp(db, items.map { ItemIdentity.keys(of: $0, source: source) }, source: source).map { lookup in
                switch lookup.identity {
                case .unidentifiable, .stored(_, sameSource: true): false
                case .stored(_, sameSource: false), .new: true
                }
            }
        }
    }

    /// Inserts an item whose `identity` says it is new, unless the cap forbids it: with its fingerprint and
    /// band keys, as a copy of the story it resembles if any, in one statement. Returns the new row id.
    private func insertIfNew(
        _ db: PostgresSession, _ entry: ItemWithMatches, keys: ItemIdentity.Keys, identity: Identity, source: String, seenAt: Date,
        allowed: Bool
    ) async throws(StorageError) -> Insertion {
        switch identity {
        case .unidentifiable, .stored(_, sameSource: true): return .known
        case .stored(let id, sameSource: false): return .copy(id)
        case .new: break
        }
        guard allowed else { return .overCap }

        let item = entry.item
        var values: [PostgresValue] = [
            .text(source), .text(keys.guid), .text(keys.canonical), .text(item.link), .text(item.title), .text(item.author),
            .date(item.published), .date(item.updated), .text(item.summaryText), .text(item.contentText),
            .text(JSONColumn.encode(item.categories)), .date(seenAt), .text(keys.guidKey), .text(StoredEnclosures.encode(item.enclosures)),
        ]
        let insertItem = """
            INSERT INTO items (source, guid, canonical_link, link, title, author, published, updated,
                               summary_text, content_text, categories, first_seen_at, guid_key, enclosures, duplicate_of)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT DO NOTHING RETURNING id
            """
        let inserted: PostgresRowReader?
        var story: Int64?
        if let fingerprint = entry.fingerprint {
            story = try await closestStory(db, to: fingerprint, bandKeys: entry.bandKeys, seenAt: seenAt)
            values += [
                .int(story), .bytes(NearDuplicateIndex.bytes(fingerprint.titleWords)), .bytes(NearDuplicateIndex.bytes(fingerprint.shingles)),
                .bytes(NearDuplicateIndex.bytes(fingerprint.lead)), .ints(entry.bandKeys),
            ]
            inserted = try await db.rows(
                """
                WITH item AS (\(insertItem)),
                fingerprint AS (
                    INSERT INTO item_fingerprints (item_id, seen_at, title_words, shingles, lead)
                    SELECT id, $12, $16, $17, $18 FROM item RETURNING item_id
                ),
                bands AS (
                    INSERT INTO item_bands (band_key, item_id)
                    SELECT DISTINCT band_key, item_id FROM fingerprint, unnest($19::bigint[]) AS band_key
                    ON CONFLICT DO NOTHING
                )
                SELECT id FROM item
                """,
                values
            ).first
        } else {
            inserted = try await db.rows(insertItem, values + [.int(nil)]).first
        }
        if let inserted { return .inserted(try inserted.int64(0), joinedStory: story != nil) }
        // Another connection committed the same GUID or link since the lookup: it is stored now.
        switch try await lookUp(db, [keys], source: source).first?.identity {
        case .stored(let id, sameSource: false): return .copy(id)
        case .unidentifiable, .stored(_, sameSource: true), .new, nil: return .known
        }
    }

    /// Inserts the matches of every item with one statement for the whole document; returns those that were
    /// new (an item keeps the first match of each profile). A NaN score is NULL, which the column refuses.
    private func insertMatches(
        _ db: PostgresSession, _ matched: [(itemID: Int64, matches: [Match])], matchedAt: Date
    ) async throws(StorageError) -> [(itemID: Int64, profile: String, score: Double)] {
        guard !matched.isEmpty else { return [] }
        let flat = matched.flatMap { item in item.matches.map { (item.itemID, $0) } }
        let inserted = try await db.rows(
            """
            INSERT INTO matches (item_id, profile, score, topics, terms, surfaces, matched_at)
            SELECT item_id, profile, nullif(score, 'NaN'), topics, terms, surfaces, $7
            FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
                AS offered (item_id, profile, score, topics, terms, surfaces, position)
            ORDER BY position
            ON CONFLICT (item_id, profile) DO NOTHING
            RETURNING item_id, profile, score
            """,
            .ints(flat.map(\.0)), .texts(flat.map(\.1.profile)), .doubles(flat.map(\.1.score)),
            .texts(flat.map { JSONColumn.encode($0.1.topics) }), .texts(flat.map { JSONColumn.encode($0.1.terms) }),
            .texts(flat.map { JSONColumn.encode($0.1.surfaces) }), .date(matchedAt))
        var rows: [(itemID: Int64, profile: String, score: Double)] = []
        for row in inserted {
            rows.append((try row.int64(0), try row.string(1) ?? "", try row.double(2)))
        }
        return rows
    }
}
