import Configuration
import Digests
import Foundation
import Logging
import Model
import Storage

/// Writes the digests of one period for every profile, then records them.
///
/// Order matters for "nothing lost, nothing repeated": the files are written first (atomically), and only
/// then are the matches assigned to the period in one transaction. A crash in between leaves the matches
/// unassigned, so the next run writes the same period again with them; a period written twice holds the
/// matches already assigned to it, so rewriting it gives the same content plus anything new.
public struct DigestJob {
    let store: any Store
    let writer: DigestWriter
    let logger: Logger

    public init(store: any Store, digestsDirectory: URL, logger: Logger) {
        self.store = store
        self.writer = DigestWriter(root: digestsDirectory)
        self.logger = logger
    }

    /// The longest snippet taken from an item's summary or content: the JSON keeps it whole, so the cut is made here.
    static let snippetLength = 280

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
        let paths = try writer.write(digest)
        try store.commitDigest(
            profile: profile.id, period: period, matchIDs: candidates.map(\.matchID),
            paths: paths.map(\.path), writtenAt: now)
        logger.info("digest written", metadata: ["profile": "\(profile.id)", "period": "\(period)", "items": "\(candidates.count)"])
        return paths
    }

    static func entry(_ candidate: DigestCandidate) -> DigestEntry {
        let item = candidate.item
        let text = item.summaryText ?? item.contentText
        return DigestEntry(
            title: item.title ?? item.link ?? "—",
            link: item.link,
            source: candidate.source,
            published: item.date ?? candidate.matchedAt,
            score: candidate.match.score,
            topics: candidate.match.topics,
            terms: candidate.match.terms,
            snippet: text.map { snippet(of: $0) })
    }

    static func snippet(of text: String) -> String {
        guard text.count > snippetLength else { return text }
        let cut = text.prefix(snippetLength)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + " …"
    }
}
