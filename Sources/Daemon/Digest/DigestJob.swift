import Configuration
import Digests
import Foundation
import Logging
import Model
import Storage

/// Writes the digests of one period for every profile, then records them.
///
/// Order matters for "nothing lost, nothing repeated": the matches are first assigned to the period in one
/// transaction that marks the digest pending, then the files are written (atomically), then the digest is
/// marked written. A crash in between leaves a pending digest whose matches no other period can take; every
/// run first rewrites pending digests from their assigned matches. A period written twice holds the matches
/// already assigned to it, so rewriting it gives the same content plus anything matched since.
///
/// An entry is a story: copies of one release that several sources published are one entry, listed with
/// the other sources ("aussi publié par"), and all their matches are assigned to the digest that shows it.
///
/// Every match of the period is assigned to it, but only the best ones that some file lists are loaded
/// (``JSONDigest/itemLimit(maxItems:)``); the others are counted. One run holds the writer lock, lists
/// the digests folder once and writes `latest/` and the index once, so its cost grows with the number of
/// profiles and of items shown, not with their product.
///
/// Each HTML digest draws the profile's matches per day over the ``MatchTrend/defaultLength`` days up to
/// its period (days in `timeZone`), and the index shows each profile's name, kind and trend and each
/// digest's entry count (recorded in the store when the digest is committed).
///
/// With `leases`, daemons sharing a database each rewrite only the pending digests of periods they can
/// claim; the caller of ``run(profiles:sources:period:cutoff:now:today:lease:progress:)`` claims `period` itself.
public struct DigestJob {
    let store: any Store
    let writer: DigestWriter
    let logger: Logger
    let leases: DigestLeases?
    /// The digest time zone, in which trends count days.
    let timeZone: TimeZone
    /// The name a pending digest's period is claimed under, from its profile and period.
    let leaseName: @Sendable (String, DigestPeriod) -> String

    /// Whether each digest written is queued for e-mail to its profile's `deliver.email` recipients.
    let queuesEmails: Bool

    /// - Parameters:
    ///   - timeZone: the digest time zone; UTC when nil.
    ///   - leaseName: the name the digest of a profile and period is claimed under among daemons sharing the
    ///     database (``DigestPlan/leaseName(of:period:)``); the period itself by default.
    ///   - queuesEmails: queue each digest written for e-mail, between writing its files and marking it
    ///     written, so that a crash in between queues it again (at most once per recipient) when the pending
    ///     digest is rewritten; ``DigestMailer`` sends only digests marked written.
    public init(
        store: any Store, digestsDirectory: URL, logger: Logger, leases: DigestLeases? = nil, timeZone: TimeZone? = nil,
        leaseName: @escaping @Sendable (String, DigestPeriod) -> String = { _, period in period.description },
        queuesEmails: Bool = false
    ) {
        self.store = store
        self.writer = DigestWriter(root: digestsDirectory)
        self.logger = logger
        self.leases = leases
        self.timeZone = timeZone ?? TimeZone(secondsFromGMT: 0) ?? .current
        self.leaseName = leaseName
        self.queuesEmails = queuesEmails
    }

    /// Writes the digest of `period` (a day or a week) for each profile with the matches made before
    /// `cutoff` and in no digest of the period's kind yet, after rewriting the digests of `profiles` a crash
    /// left pending.
    ///
    /// One profile that cannot be written does not hold back the others; the failures are thrown together
    /// at the end, and a later run writes those profiles again with the same matches.
    /// - Parameters:
    ///   - today: the current day in the digest time zone; a `period` begun after it is refused, and nothing
    ///     dated after it in the digests folder is used.
    ///   - lease: the name `period` is claimed under by the caller; pending digests of that name are
    ///     rewritten without claiming it again.
    ///   - progress: told before the first profile and after each one, written or not.
    /// - Returns: the files written, per profile id.
    @discardableResult
    public func run(
        profiles: [Profile], sources: [Source], period: DigestPeriod, cutoff: Date, now: Date, today: DigestPeriod,
        lease: String? = nil, progress: ((DigestProgress) -> Void)? = nil
    ) async throws(DigestJobError) -> [String: [URL]] {
        guard period <= today else {
            throw DigestJobError(period: "\(period)", failures: [.init(profile: "*", reason: "\(period) is after today (\(today))")])
        }
        var run = try open(today: today, period: "\(period)")
        var written: [String: [URL]] = [:]
        var trends: [String: MatchTrend] = [:]
        var failures: [DigestJobError.Failure] = []
        // Health is read once for every profile; if it cannot be read the digests go out without it.
        let failing = (try? await failingSources(among: sources)) ?? []
        failures += await finishPending(profiles: profiles, failing: failing, now: now, today: today, holding: lease ?? "\(period)", in: &run)
        var done = DigestProgress(total: profiles.count)
        progress?(done)
        for profile in profiles {
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                let result = try await write(profile, failing: read, period: period, cutoff: cutoff, now: now, in: &run)
                written[profile.id] = result.paths
                trends[profile.id] = result.trend
            } catch {
                logger.error(
                    "digest not written", metadata: ["profile": "\(profile.id)", "period": "\(period)", "error": "\(error)"])
                failures.append(DigestJobError.Failure(profile: profile.id, reason: "\(error)"))
                done.failed += 1
            }
            done.done += 1
            progress?(done)
        }
        failures += await finish(run, profiles: profiles, trends: trends)
        if !failures.isEmpty { throw DigestJobError(period: "\(period)", failures: failures) }
        return written
    }

    /// Rewrites the digests a crash left pending; the daemon calls it when it starts.
    public func finishPending(profiles: [Profile], sources: [Source], now: Date, today: DigestPeriod) async throws(DigestJobError) {
        var run = try open(today: today, period: "pending")
        let failing = (try? await failingSources(among: sources)) ?? []
        var failures = await finishPending(profiles: profiles, failing: failing, now: now, today: today, holding: nil, in: &run)
        failures += await finish(run, profiles: profiles, trends: [:])
        if !failures.isEmpty { throw DigestJobError(period: "pending", failures: failures) }
    }

    /// Starts a writer run and logs what it found in the digests folder that it will leave alone.
    private func open(today: DigestPeriod, period: String) throws(DigestJobError) -> DigestRun {
        let run: DigestRun
        do {
            run = try writer.open(today: today)
        } catch {
            logger.error("digests folder unusable", metadata: ["period": "\(period)", "error": "\(error)"])
            throw DigestJobError(period: period, failures: [.init(profile: "*", reason: "\(error)")])
        }
        for issue in run.issues {
            logger.warning("unexpected entry in the digests folder, left alone", metadata: ["path": "\(issue.path)", "problem": "\(issue.problem)"])
        }
        return run
    }

    /// Writes `latest/` and the index for the run, with what the index shows of `profiles` (their trends
    /// from this run) and the entry counts the store recorded.
    private func finish(_ run: consuming DigestRun, profiles: [Profile], trends: [String: MatchTrend]) async -> [DigestJobError.Failure] {
        let about = Dictionary(
            profiles.map { ($0.id, IndexedProfile(name: $0.name, kind: $0.kind.rawValue, language: $0.language, trend: trends[$0.id])) },
            uniquingKeysWith: { first, _ in first })
        let entryCounts: [String: [String: Int]]
        do {
            entryCounts = try await store.digestEntryCounts()
        } catch {
            // The index then counts only the digests of this run; the files are what matters.
            logger.warning("digest entry counts unreadable; the index leaves them out", metadata: ["error": "\(error)"])
            entryCounts = [:]
        }
        do {
            try run.finish(profiles: about, entryCounts: entryCounts)
            return []
        } catch {
            logger.error("latest copies or index not written", metadata: ["error": "\(error)"])
            return [DigestJobError.Failure(profile: "*", reason: "latest/ or index: \(error)")]
        }
    }

    /// Rewrites the digests a crash left pending, each from the matches assigned to it; with leases, only
    /// those whose lease name this daemon holds (`holding`) or can claim.
    /// - Returns: the ones that failed again.
    private func finishPending(
        profiles: [Profile], failing: [(source: Source, failing: FailingSource)], now: Date, today: DigestPeriod,
        holding: String?, in run: inout DigestRun
    ) async -> [DigestJobError.Failure] {
        let pending: [PendingDigest]
        do {
            pending = try await store.pendingDigests()
        } catch {
            return [DigestJobError.Failure(profile: "*", reason: "pending digests unreadable: \(error)")]
        }
        var failures: [DigestJobError.Failure] = []
        var byLease: [String: [PendingDigest]] = [:]
        for digest in pending {
            let name = DigestPeriod(digest.period).map { leaseName(digest.profile, $0) } ?? digest.period
            byLease[name, default: []].append(digest)
        }
        for name in byLease.keys.sorted() {
            let digests = byLease[name] ?? []
            guard let leases, name != holding else {
                failures += await finishPending(digests, profiles: profiles, failing: failing, now: now, today: today, in: &run)
                continue
            }
            do throws(StorageError) {
                // A pending digest is owed whether or not its period was marked done.
                if case .held(let owner, let until) = try await leases.claim(name, again: true) {
                    logger.info(
                        "pending digests left to the daemon writing their period",
                        metadata: ["period": "\(name)", "owner": "\(owner)", "until": "\(until)"])
                    continue
                }
            } catch {
                failures.append(DigestJobError.Failure(profile: "*", reason: "\(name): digest period not claimed: \(error)"))
                continue
            }
            failures += await finishPending(digests, profiles: profiles, failing: failing, now: now, today: today, in: &run)
            await leases.release(name, done: false, logger: logger)
        }
        return failures
    }

    /// Rewrites `pending`, digests a crash left pending, each from the matches assigned to it.
    private func finishPending(
        _ pending: [PendingDigest], profiles: [Profile], failing: [(source: Source, failing: FailingSource)], now: Date,
        today: DigestPeriod, in run: inout DigestRun
    ) async -> [DigestJobError.Failure] {
        let byID = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var failures: [DigestJobError.Failure] = []
        for digest in pending {
            guard let profile = byID[digest.profile] else { continue }
            guard let period = DigestPeriod(digest.period), period <= today else {
                // Only an older veilleur could have committed it; its matches stay with it rather than be alerted twice.
                logger.warning(
                    "pending digest dated after today or not a day or a week, left alone",
                    metadata: ["profile": "\(digest.profile)", "period": "\(digest.period)", "today": "\(today)"])
                continue
            }
            logger.notice("rewriting a digest interrupted by a crash", metadata: ["profile": "\(digest.profile)", "period": "\(digest.period)"])
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                // No cutoff: only the matches already assigned to that period.
                _ = try await write(profile, failing: read, period: period, cutoff: .distantPast, now: now, in: &run).paths
            } catch {
                failures.append(DigestJobError.Failure(profile: profile.id, reason: "\(digest.period): \(error)"))
            }
        }
        return failures
    }

    /// Configured sources whose last fetches failed, with what the digest shows of them.
    private func failingSources(among sources: [Source]) async throws -> [(source: Source, failing: FailingSource)] {
        let states = Dictionary(try await store.sourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return sources.compactMap { source in
            guard let state = states[source.name], state.consecutiveFailures > 0 else { return nil }
            let failing = FailingSource(
                name: source.name, consecutiveFailures: state.consecutiveFailures, lastSuccess: state.lastSuccessAt,
                lastError: state.lastError ?? "")
            return (source, failing)
        }
    }

    private func write(
        _ profile: Profile, failing: [FailingSource], period: DigestPeriod, cutoff: Date, now: Date, in run: inout DigestRun
    ) async throws -> (paths: [URL], trend: MatchTrend?) {
        let name = period.description
        let selection = try await store.digestSelection(
            profile: profile.id, period: name, matchedBefore: cutoff, limit: JSONDigest.itemLimit(maxItems: profile.maxItems))
        let trend = await trend(of: profile, endingOn: period)
        let digest = Digest(
            profile: profile.id, profileName: profile.name, kind: profile.kind.rawValue,
            language: profile.language, period: name, generatedAt: now, maxItems: profile.maxItems,
            entries: selection.candidates.map(Self.entry), omittedEntries: selection.omitted, failingSources: failing,
            layout: profile.digestLayout, trend: trend)
        try await store.commitDigest(profile: profile.id, period: name, matchIDs: selection.matchIDs, paths: [], writtenAt: now)
        try await store.recordDigestEntries(profile: profile.id, period: name, entries: digest.totalEntries)
        let paths = try run.write(digest)
        if queuesEmails, !profile.emailRecipients.isEmpty {
            try await store.queueDeliveries(profile: profile.id, period: name, recipients: profile.emailRecipients, now: now)
        }
        try await store.markDigestWritten(profile: profile.id, period: name, paths: paths.map(\.path), writtenAt: now)
        logger.info(
            "digest written",
            metadata: [
                "profile": "\(profile.id)", "period": "\(name)", "items": "\(selection.matchIDs.count)",
                "entries": "\(selection.entryCount)", "omitted": "\(selection.omitted)",
            ])
        return (paths, trend)
    }

    /// `profile`'s matches per day over the days up to `lastDay`; nil, and logged, when the store cannot
    /// say: the digest is written without its chart rather than not at all.
    private func trend(of profile: Profile, endingOn lastDay: DigestPeriod) async -> MatchTrend? {
        let days = MatchTrend.days(endingOn: lastDay, count: MatchTrend.defaultLength)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let first = days.first,
              let since = calendar.date(from: DateComponents(year: first.year, month: first.month, day: first.day))
        else { return nil }
        do {
            let counts = try await store.dailyMatchCounts(profile: profile.id, since: since, timeZone: timeZone)
            return MatchTrend(
                endingOn: lastDay, length: days.count, total: counts.total, byTopic: counts.byTopic, topicOrder: profile.topics.map(\.name))
        } catch {
            logger.warning("matches per day unreadable; digest written without its trend", metadata: ["profile": "\(profile.id)", "error": "\(error)"])
            return nil
        }
    }

    static func entry(_ candidate: DigestCandidate) -> DigestEntry {
        let item = candidate.item
        return DigestEntry(
            title: item.title ?? item.link ?? "—",
            link: item.link,
            source: candidate.source,
            published: item.date ?? candidate.matchedAt,
            score: candidate.match.score,
            topics: candidate.match.topics,
            terms: candidate.match.terms,
            snippet: item.summaryText ?? item.contentText,
            highlights: candidate.match.surfaces.filter { $0.field == (item.summaryText == nil ? .content : .summary) }.map(\.text),
            alsoPublishedBy: candidate.copies.map { PublishedCopy(source: $0.source, link: $0.link) },
            enclosures: item.enclosures)
    }
}
