import Foundation
import Model

/// The daemon's persistent state, behind one narrow interface that SQLite (the default) and PostgreSQL (several
/// daemons sharing one database) both honour.
///
/// Methods speak in model values and the record structs of this module, never in SQL, and every one is
/// asynchronous: a backend may wait on the network without holding a thread.
public protocol Store: Sendable {
    /// Records `sources` as the configuration of the daemon `member`, running as `owner` and seen at `now`,
    /// and aligns the stored
    /// sources with what the live daemons declare: new ones are inserted (due at `now`), known ones get
    /// their URL updated (when it changes, their validators and effective URL are dropped), returning ones
    /// are un-retired, and a source is retired only when no daemon seen at or after `liveSince` declares it.
    /// Declarations of daemons not seen since `liveSince` are forgotten. URLs are stored with their secrets
    /// masked (`URLRedaction`), and so is any secret of a source's URL found in its stored last error.
    ///
    /// `member` names a daemon by where it runs (host and state folder), so that a restarted daemon replaces
    /// its own declaration; one daemon alone retires every source it does not declare, as before clusters.
    /// Only one process runs in a state folder at a time, so a member declared by a new `owner` is a restart:
    /// the leases of the process it replaces (killed, or it would not have been replaced) are released.
    func syncSources(_ sources: [Source], declaredBy member: String, owner: String, liveSince: Date, now: Date) async throws(StorageError)

    /// Every stored source, retired ones included, ordered by name.
    func sourceStates() async throws(StorageError) -> [SourceState]

    /// Records fetches in one transaction, in order, each as if alone: all of them or, if one fails, none.
    /// For each fetch: the source's state, its new items (an item is new only if neither its GUID nor its
    /// canonical link is already stored, across all sources) and their matches. A copy of an item already
    /// stored from another source is not stored again, but its matches are, for the profiles that have none
    /// on that item: the profiles alerted do not depend on which source was read first.
    ///
    /// A crawl records the documents that are ready together, so that the index pages they share are
    /// written once per transaction rather than once per document.
    ///
    /// A new item whose text resembles an item first seen in the last seven days (a release republished
    /// under another link: ``ItemWithMatches/fingerprint``) is stored with its own link, source and
    /// matches, as another copy of that item's story; digests show a story once.
    ///
    /// `reschedule` is told the index of each fetch and what it added before the transaction commits; the
    /// schedule it returns, if any, replaces that source's interval, rate and ``FetchRecord/nextDueAt``, so
    /// a pace that depends on the new items is stored with them.
    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) async throws(StorageError) -> [RecordSummary]

    /// For each of `items`, offered by `source`, whether ``record(_:reschedule:)`` would take it into
    /// account: true when it is not stored yet, or stored from another source (its matches may be added);
    /// false when this source stored it already, or it can be told from no other item. A crawl matches and
    /// fingerprints only the items marked true; recording checks again, in its own transaction.
    func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool]

    /// The matches for one digest: those already assigned to (`profile`, `period`), plus the matches of
    /// `profile` recorded before `matchedBefore` and in no digest of the period's kind (day or week). All their ids, and the `limit` best entries with
    /// their items, read from one snapshot of the store so that the best are always among the ids.
    ///
    /// Near-duplicates are one entry: the copies of one story (items whose text resembles the first stored
    /// copy's, from any source) are shown through the best-ranked copy (highest score, then earliest date,
    /// then source and link, whatever the order they were read in) with the others as its copies. A story
    /// already shown to the profile by an earlier period's digest is not an entry again, though the matches
    /// of its late copies are among the ids, so that no later digest offers them.
    func digestSelection(profile: String, period: String, matchedBefore: Date, limit: Int) async throws(StorageError) -> DigestSelection

    /// Creates or updates the digest (`profile`, `period`) and makes `matchIDs` exactly its matches,
    /// in one transaction. Fails if a match belongs to another profile or another digest of the period's
    /// kind: a match is in at most one daily digest (`YYYY-MM-DD`) and one weekly digest (`YYYY-Www`). The digest stays
    /// pending until ``markDigestWritten(profile:period:paths:writtenAt:)``: assigning first means a crash
    /// while the files are written can neither lose the matches nor let another period take them.
    func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) async throws(StorageError)

    /// Records that the files of a committed digest are written.
    func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) async throws(StorageError)

    /// Digests committed whose files may not be complete (a crash came in between), oldest period first.
    func pendingDigests() async throws(StorageError) -> [PendingDigest]

    /// For each profile with a digest committed for a period of `kind` begun by `day`, the latest such
    /// period. Periods are compared as dates; a stored period of another kind, or of none, is left out.
    func latestDigestPeriods(of kind: DigestPeriod.Kind, onOrBefore day: DigestPeriod) async throws(StorageError) -> [String: DigestPeriod]

    /// How much room the database takes, in bytes: the SQLite file with its write-ahead log, or what
    /// PostgreSQL reports for the database.
    func databaseSize() async throws(StorageError) -> Int64

    /// `profile`'s matches recorded at or after `since`, per day in `timeZone`, in all and per topic; read
    /// through an index on (profile, time) and grouped by quarter hour in the database, so that its cost
    /// follows the window's matches and its result the window's length.
    func dailyMatchCounts(profile: String, since: Date, timeZone: TimeZone) async throws(StorageError) -> DailyMatchCounts

    /// Records how many entries the committed digest (`profile`, `period`) lists, for the index.
    func recordDigestEntries(profile: String, period: String, entries: Int) async throws(StorageError)

    /// The entry count recorded for each digest, by period then profile; digests without one are absent.
    func digestEntryCounts() async throws(StorageError) -> [String: [String: Int]]

    /// When the first item was stored (the one with the lowest row id), if any.
    func firstItemStoredAt() async throws(StorageError) -> Date?

    /// One stored item by row id.
    func item(id: Int64) async throws(StorageError) -> FeedItem?

    /// Counts of what was stored since `since`, and what waits for a digest.
    func activity(since: Date) async throws(StorageError) -> Activity

    /// The stored item a person names: by row id, GUID, link or canonical link (any tracking parameters
    /// in `key` are ignored); the first stored wins if several match.
    func findItem(_ key: String) async throws(StorageError) -> StoredItem?

    /// How many items were first stored at or after `since`, and the range of their row ids.
    func itemSpan(seenSince since: Date) async throws(StorageError) -> ItemSpan

    /// One page of the items first stored at or after `since` whose row ids lie in `ids`: at most `limit`
    /// of them, lowest row id first, each with the score of `profile`'s match on it. A caller reads the
    /// next page from the row id after the last one returned; a page shorter than `limit` is the last.
    func itemPage(seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String) async throws(StorageError) -> [ScoredItem]

    /// Prunes one batch of what is older than the retention limits, in one short transaction, so that
    /// recordings wait at most one batch; call again while the summary says ``PruneSummary/more``.
    ///
    /// - Items first seen before `contentBefore` lose their text (summary, content, author, categories,
    ///   enclosures), their matches and the rows of other tables that hang off them (`ON DELETE CASCADE`:
    ///   their row is deleted and inserted again), at most `batch` of them, oldest first, marked pruned at
    ///   `now`. Their GUID key, canonical link, link, title, dates and source stay, so that ``record(_:reschedule:)`` and
    ///   ``unknownItems(_:from:)`` still know them, from any source: a page offered again is neither stored
    ///   nor matched again. An item keeps its text while one of its matches is recent (made at or after
    ///   `contentBefore`: a copy read lately from another source) or belongs to a pending digest.
    /// - Digests written (not pending) before `contentBefore` whose matches are all gone are deleted, at
    ///   most `batch`, but never a profile's latest of its kind (day or week), which says which periods a
    ///   stopped daemon owes. Their files stay on disk.
    /// - Pruned items first seen before `identityBefore` are deleted, at most `batch`.
    ///
    /// Idempotent: several daemons pruning the same database at once remove each row once, and a batch
    /// that fails leaves everything as it was.
    func prune(contentBefore: Date, identityBefore: Date, now: Date, batch: Int) async throws(StorageError) -> PruneSummary

    // MARK: Several daemons on one database

    /// Hands out at most `limit` of the sources named in `names` that are due at `now`, not retired, and not
    /// leased to anyone (or whose lease has expired), earliest due first, each leased to `owner` until
    /// `until`, in one transaction: two callers never get the same source while its lease runs.
    /// ``record(_:reschedule:)`` releases a source's lease.
    func claimSources(among names: [String], owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [SourceState]

    /// When the next of the sources named in `names` can be claimed: the earliest, among those not retired,
    /// of each one's due time or, while another daemon's lease on it runs, the end of that lease. Nil when
    /// none of them is stored.
    func nextClaimTime(among names: [String]) async throws(StorageError) -> Date?

    /// Releases the leases `owner` still holds on sources (a stop mid-pass, transfers that never ran): those
    /// sources stay due, and any daemon may claim them at once.
    func releaseSources(owner: String) async throws(StorageError)

    /// Says that the daemon `member`, running as `owner`, is alive at `now`: its declaration stays live, and
    /// every lease `owner` holds that has not expired (sources and digest periods) now runs until `until`.
    func keepAlive(member: String, owner: String, now: Date, until: Date) async throws(StorageError)

    /// Asks for the writing of the digests of `period`, leased to `owner` until `until`: refused while
    /// another owner's lease runs; otherwise granted, unless the period is marked done and `again` is false
    /// (the daemons' schedule writes a period once; a digest a person asks for, or a pending digest to
    /// finish, passes `again`). Granting keeps the period's done mark.
    func claimDigestPeriod(_ period: String, owner: String, now: Date, until: Date, again: Bool) async throws(StorageError) -> DigestClaim

    /// Ends `owner`'s lease on `period` at `now`, marking the period done when `done`. Does nothing when
    /// `owner` no longer holds it.
    func releaseDigestPeriod(_ period: String, owner: String, done: Bool, now: Date) async throws(StorageError)

    /// Retires the named sources at once, whatever the daemons declare: they leave every stored declaration,
    /// until a daemon whose configuration still lists one declares it again (at its next start or reload).
    /// Names never stored are reported, and so are the live daemons (seen at or after `liveSince`) that
    /// declared a retired one.
    func retireSources(_ names: [String], liveSince: Date) async throws(StorageError) -> SourceRetirement

    /// The daemon `member`, running as `owner`, stops at `now`: its source and digest leases are released
    /// and its declaration forgotten, so that other daemons take over its work at once.
    func leave(member: String, owner: String, now: Date) async throws(StorageError)

    // MARK: Immediate alerts

    /// Hands out at most `limit` alerts in `state` (``AlertState/pending``: their file is owed;
    /// ``AlertState/written``: their command is owed) whose next attempt is due at `now` and that no other
    /// owner's lease holds, oldest first, each leased to `owner` until `until`, in one transaction.
    ///
    /// Alerts are raised by ``record(_:reschedule:)`` (``FetchRecord/alertScores``): at most one per
    /// profile and item, and one per profile and story (an item and its near-duplicate copies).
    func claimAlerts(_ state: AlertState, owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [Alert]

    /// Records that the file of alert `id` is written: it is then ``AlertState/written`` when a command is
    /// owed (due at `now`), ``AlertState/delivered`` otherwise; its lease ends.
    func markAlertWritten(id: Int64, commandOwed: Bool, now: Date) async throws(StorageError)

    /// Records one run of alert `id`'s command: one more attempt, and the state `attempt` says; its lease ends.
    func recordAlertAttempt(id: Int64, _ attempt: AlertAttempt, now: Date) async throws(StorageError)

    /// When the earliest alert in `state` is due, whoever holds it; nil when there is none.
    func nextAlertDue(_ state: AlertState) async throws(StorageError) -> Date?

    /// How many alerts were raised (and abandoned) at or after `since`, and how many wait for their file or command now.
    func alertTally(since: Date) async throws(StorageError) -> AlertTally

    /// Releases the store's connections; later calls fail. Calling it again does nothing.
    func close() async

    // MARK: E-mail deliveries (`deliveries`)

    /// Queues the e-mail of the digest (`profile`, `period`) to each of `recipients`, due at `now`. A recipient
    /// already recorded for that digest, in whatever state, is left as it is: a digest is e-mailed at most
    /// once per recipient, however often it is rewritten. Fails if the digest was never committed.
    func queueDeliveries(profile: String, period: String, recipients: [String], now: Date) async throws(StorageError)

    /// Takes up to `limit` queued deliveries due at `now` whose digest files are written (the digest is not
    /// pending), earliest first, and marks them `sending` (one more attempt, claimed at `now`) in one
    /// transaction: the caller then owns them, and no other process will send them.
    func claimDueDeliveries(now: Date, limit: Int) async throws(StorageError) -> [Delivery]

    /// Records how the attempt on a claimed delivery ended. A delivery no longer `sending` is left alone.
    func finishDelivery(id: Int64, outcome: DeliveryOutcome, now: Date) async throws(StorageError)

    /// Marks failed the deliveries claimed before `claimedBefore` and still `sending`: their sender died
    /// before recording the server's answer, so whether the message left is unknown, and it is not sent
    /// again (at most once). Returns them, failed.
    func abandonInterruptedDeliveries(claimedBefore: Date, now: Date) async throws(StorageError) -> [Delivery]

    /// When the earliest queued delivery of a written digest falls due, if any.
    func nextDeliveryDue() async throws(StorageError) -> Date?

    /// The deliveries of the digests of `period`, or of all periods when nil, by period, profile and recipient.
    func deliveries(period: String?) async throws(StorageError) -> [Delivery]
}

extension Store {
    /// Aligns the stored sources with `sources` as the only live declaration, as one daemon alone does;
    /// see ``syncSources(_:declaredBy:owner:liveSince:now:)``.
    public func syncSources(_ sources: [Source], now: Date) async throws(StorageError) {
        try await syncSources(sources, declaredBy: "local", owner: "local", liveSince: now, now: now)
    }

    /// Records one fetch in its own transaction; see ``record(_:reschedule:)``.
    public func record(_ fetch: FetchRecord, reschedule: (RecordSummary) -> SourceSchedule?) async throws(StorageError) -> RecordSummary {
        try await record([fetch]) { _, summary in reschedule(summary) }[0]
    }

    /// Records one fetch, keeping the due time it carries; see ``record(_:reschedule:)``.
    public func record(_ fetch: FetchRecord) async throws(StorageError) -> RecordSummary {
        try await record(fetch) { _ in nil }
    }

    /// Every entry for one digest (one per story, its other copies attached) with its item, by score,
    /// highest first; see ``digestSelection(profile:period:matchedBefore:limit:)``.
    public func digestCandidates(profile: String, period: String, matchedBefore: Date) async throws(StorageError) -> [DigestCandidate] {
        try await digestSelection(profile: profile, period: period, matchedBefore: matchedBefore, limit: Int.max).candidates
    }
}
