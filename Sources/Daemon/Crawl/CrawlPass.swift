import Model
import Storage

/// One crawl pass, prepared by ``Pipeline/pass(over:stop:progress:)`` with the configuration then in force,
/// and run by whichever task the caller chooses: the daemon runs it beside its digests, so a long pass
/// never delays them.
public struct CrawlPass: Sendable {
    let crawler: Crawler
    /// The sources of the pass.
    public let sources: [Source]
    let states: [String: SourceState]?
    let matcher: MatcherOnDemand
    let stop: StopRequest
    let renewal: LeaseRenewal
    let metrics: DaemonMetrics

    /// Fetches, parses, matches and stores the sources while the daemon's leases are renewed; a stop
    /// requested meanwhile aborts the transfers in flight and ends the pass with what was stored.
    public func run() async -> Result<CrawlSummary, any Error> {
        let started = ContinuousClock.now
        defer { metrics.crawlPass(took: ContinuousClock.now - started) }
        do {
            return .success(try await renewal.during { try await crawler.crawl(sources, matcher: matcher, stop: stop, states: states) })
        } catch {
            return .failure(error)
        }
    }
}
