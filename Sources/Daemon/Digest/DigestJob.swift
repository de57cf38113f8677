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
/// With `leases`, daemons sharing a database each rewrite only the pending digests of periods they can
/// claim; the caller of ``run(profiles:sources:period:cutoff:now:today:progress:)`` claims `period` itself.
public struct DigestJob {
    let store: any Store
    let writer: DigestWriter
    let logger: Logger
    let leases: DigestLeases?
    /// Whether each digest written is queued for e-mail to its profile's `deliver.email` recipients.
    let queuesEmails: Bool

    /// - Parameter queuesEmails: queue each digest written for e-mail, between writing its files and
    ///   marking it written, so that a crash in between queues it again (at most once per recipient) when
    ///   the pending digest is rewritten; ``DigestMailer`` sends only digests marked written.
    public init(store: any Store, digestsDirectory: URL, logger: Logger, leases: DigestLeases? = nil, queuesEmails: Bool = false) {
        self.store = store
        self.writer = DigestWriter(root: digestsDirectory)
        self.logger = logger
        self.leases = leases
        self.queuesEmails = queuesEmails
    }

    /// Writes the digest of `period` for each profile with the matches made before `cutoff`, after
    /// rewriting the digests a crash left pending.
    ///
    /// One profile that cannot be written does not hold back the others; the failures are thrown together
    /// at the end, and a later run writes those profiles again with the same matches.
    /// - Parameters:
    ///   - today: the current day in the digest time zone; a `period` after it is refused, and nothing
    ///     dated after it in the digests folder is used.
    ///   - progress: told before the first profile and after each one, written or not.
    /// - Returns: the files written, per profile id.
    @discardableResult
    public func run(
        profiles: [Profile], sources: [Source], period: DigestPeriod, cutoff: Date, now: Date, today: DigestPeriod,
        progress: ((DigestProgress) -> Void)? = nil
    ) async throws(DigestJobError) -> [String: [URL]] {
        guard period <= today else {
            throw DigestJobError(period: "\(period)", failures: [.init(profile: "*", reason: "\(period) is after today (\(today))")])
        }
        var run = try open(today: today, period: "\(period)")
        var written: [String: [URL]] = [:]
        var failures: [DigestJobError.Failure] = []
        // Health is read once for every profile; if it cannot be read the digests go out without it.
        let failing = (try? await failingSources(among: sources)) ?? []
        failures += await finishPending(profiles: profiles, failing: failing, now: now, today: today, holding: "\(period)", in: &run)
        var done = DigestProgress(total: profiles.count)
        progress?(done)
        for profile in profiles {
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                written[profile.id] = try await write(profile, failing: read, period: period, cutoff: cutoff, now: now, in: &run)
            } catch {
                logger.error(
                    "digest not written", metadata: ["profile": "\(profile.id)", "period": "\(period)", "error": "\(error)"])
                failures.append(DigestJobError.Failure(profile: profile.id, reason: "\(error)"))
                done.failed += 1
            }
            done.done += 1
            progress?(done)
        }
        failures += finish(run)
        if !failures.isEmpty { throw DigestJobError(period: "\(period)", failures: failures) }
        return written
    }

    /// Rewrites the digests a crash left pending; the daemon calls it when it starts.
    public func finishPending(profiles: [Profile], sources: [Source], now: Date, today: DigestPeriod) async throws(DigestJobError) {
        var run = try open(today: today, period: "pending")
        let failing = (try? await failingSources(among: sources)) ?? []
        var failures = await finishPending(profiles: profiles, failing: failing, now: now, today: today, holding: nil, in: &run)
        failures += finish(run)
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

    /// Writes `latest/` and the index for the run.
    private func finish(_ run: consuming DigestRun) -> [DigestJobError.Failure] {
        do {
            try run.finish()
            return []
        } catch {
            logger.error("latest copies or index not written", metadata: ["error": "\(error)"])
            return [DigestJobError.Failure(profile: "*", reason: "latest/ or index: \(error)")]
        }
    }

    /// Rewrites the digests a crash left pending, each from the matches assigned to it; with leases, only
    /// those of periods this daemon holds (`holding`) or can claim.
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
        var byPeriod: [String: [PendingDigest]] = [:]
        for digest in pending { byPeriod[digest.period, default: []].append(digest) }
        for period in byPeriod.keys.sorted() {
            let digests = byPeriod[period] ?? []
            guard let leases, period != holding else {
                failures += await finishPending(digests, profiles: profiles, failing: failing, now: now, today: today, in: &run)
                continue
            }
            do throws(StorageError) {
                // A pending digest is owed whether or not its period was marked done.
                if case .held(let owner, let until) = try await leases.claim(period, again: true) {
                    logger.info(
                        "pending digests left to the daemon writing their period",
                        metadata: ["period": "\(period)", "owner": "\(owner)", "until": "\(until)"])
                    continue
                }
            } catch {
                failures.append(DigestJobError.Failure(profile: "*", reason: "\(period): digest period not claimed: \(error)"))
                continue
            }
            failures += await finishPending(digests, profiles: profiles, failing: failing, now: now, today: today, in: &run)
            await leases.release(period, done: false, logger: logger)
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
                    "pending digest dated after today or not a day, left alone",
                    metadata: ["profile": "\(digest.profile)", "period": "\(digest.period)", "today": "\(today)"])
                continue
            }
            logger.notice("rewriting a digest interrupted by a crash", metadata: ["profile": "\(digest.profile)", "period": "\(digest.period)"])
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                // No cutoff: only the matches already assigned to that period.
                _ = try await write(profile, failing: read, period: period, cutoff: .distantPast, now: now, in: &run)
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
    ) async throws -> [URL] {
        let name = period.description
        let selection = try await store.digestSelection(
            profile: profile.id, period: name, matchedBefore: cutoff, limit: JSONDigest.itemLimit(maxItems: profile.maxItems))
        let digest = Digest(
            profile: profile.id, profileName: profile.name, kind: profile.kind.rawValue,
            language: profile.language, period: name, generatedAt: now, maxItems: profile.maxItems,
            entries: selection.candidates.map(Self.entry), omittedEntries: selection.omitted, failingSources: failing)
        try await store.commitDigest(profile: profile.id, period: name, matchIDs: selection.matchIDs, paths: [], writtenAt: now)
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
        return paths
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
            alsoPublishedBy: candidate.copies.map { PublishedCopy(source: $0.source, link: $0.link) })
    }
}
