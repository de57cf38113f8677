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
public struct DigestJob {
    let store: any Store
    let writer: DigestWriter
    let logger: Logger

    public init(store: any Store, digestsDirectory: URL, logger: Logger) {
        self.store = store
        self.writer = DigestWriter(root: digestsDirectory)
        self.logger = logger
    }

    /// Writes the digest of `period` for each profile with the matches made before `cutoff`.
    ///
    /// One profile that cannot be written does not hold back the others; the failures are thrown together
    /// at the end, and a later run writes those profiles again with the same matches.
    /// - Returns: the files written, per profile id.
    @discardableResult
    public func run(
        profiles: [Profile], sources: [Source], period: String, cutoff: Date, now: Date
    ) throws(DigestJobError) -> [String: [URL]] {
        var written: [String: [URL]] = [:]
        var failures: [DigestJobError.Failure] = []
        // Health is read once for every profile; if it cannot be read the digests go out without it.
        let failing = (try? failingSources(among: sources)) ?? []
        failures += finishPending(profiles: profiles, failing: failing, now: now)
        for profile in profiles {
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                written[profile.id] = try write(profile, failing: read, period: period, cutoff: cutoff, now: now)
            } catch {
                logger.error(
                    "digest not written", metadata: ["profile": "\(profile.id)", "period": "\(period)", "error": "\(error)"])
                failures.append(DigestJobError.Failure(profile: profile.id, reason: "\(error)"))
            }
        }
        if !failures.isEmpty { throw DigestJobError(period: period, failures: failures) }
        return written
    }

    /// Rewrites the digests a crash left pending; the daemon calls it when it starts.
    public func finishPending(profiles: [Profile], sources: [Source], now: Date) throws(DigestJobError) {
        let failures = finishPending(profiles: profiles, failing: (try? failingSources(among: sources)) ?? [], now: now)
        if !failures.isEmpty { throw DigestJobError(period: "pending", failures: failures) }
    }

    /// Rewrites the digests a crash left pending, each from the matches assigned to it.
    /// - Returns: the ones that failed again.
    private func finishPending(
        profiles: [Profile], failing: [(source: Source, failing: FailingSource)], now: Date
    ) -> [DigestJobError.Failure] {
        let pending: [PendingDigest]
        do {
            pending = try store.pendingDigests()
        } catch {
            return [DigestJobError.Failure(profile: "*", reason: "pending digests unreadable: \(error)")]
        }
        var failures: [DigestJobError.Failure] = []
        for digest in pending {
            guard let profile = profiles.first(where: { $0.id == digest.profile }) else { continue }
            logger.notice("rewriting a digest interrupted by a crash", metadata: ["profile": "\(digest.profile)", "period": "\(digest.period)"])
            do {
                let read = failing.filter { pair in profile.reads(pair.source) }.map(\.failing)
                // No cutoff: only the matches already assigned to that period.
                _ = try write(profile, failing: read, period: digest.period, cutoff: .distantPast, now: now)
            } catch {
                failures.append(DigestJobError.Failure(profile: profile.id, reason: "\(digest.period): \(error)"))
            }
        }
        return failures
    }

    /// Configured sources whose last fetches failed, with what the digest shows of them.
    private func failingSources(among sources: [Source]) throws -> [(source: Source, failing: FailingSource)] {
        let states = Dictionary(try store.sourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return sources.compactMap { source in
            guard let state = states[source.name], state.consecutiveFailures > 0 else { return nil }
            let failing = FailingSource(
                name: source.name, consecutiveFailures: state.consecutiveFailures, lastSuccess: state.lastSuccessAt,
                lastError: state.lastError ?? "")
            return (source, failing)
        }
    }

    private func write(_ profile: Profile, failing: [FailingSource], period: String, cutoff: Date, now: Date) throws -> [URL] {
        let candidates = try store.digestCandidates(profile: profile.id, period: period, matchedBefore: cutoff)
        let digest = Digest(
            profile: profile.id, profileName: profile.name, kind: profile.kind.rawValue,
            language: profile.language, period: period, generatedAt: now, maxItems: profile.maxItems,
            entries: candidates.map(Self.entry), failingSources: failing)
        try store.commitDigest(profile: profile.id, period: period, matchIDs: candidates.map(\.matchID), paths: [], writtenAt: now)
        let paths = try writer.write(digest)
        try store.markDigestWritten(profile: profile.id, period: period, paths: paths.map(\.path), writtenAt: now)
        logger.info("digest written", metadata: ["profile": "\(profile.id)", "period": "\(period)", "items": "\(candidates.count)"])
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
            snippet: item.summaryText ?? item.contentText)
    }
}
