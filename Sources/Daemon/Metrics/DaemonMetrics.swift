import CoreMetrics
import Fetching
import Foundation
import Storage

/// What the daemon counts, through swift-metrics: the crawl, the store and the digests call these, and
/// whichever factory the daemon was given (Prometheus, or nothing) receives the values.
///
/// The factory is passed in rather than bootstrapped globally, so that each daemon in a test process
/// counts into its own registry.
public struct DaemonMetrics: Sendable {
    let factory: any MetricsFactory

    /// Counts into `factory`; by default the process-wide one, which does nothing unless bootstrapped.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Upper bounds of the scheduling-lag buckets, in seconds: on time, then late by up to 4 hours.
    static let lagBuckets: [Double] = [1, 10, 60, 300, 900, 3600, 14_400]
    /// Upper bounds of the crawl-duration buckets: a pass lasts seconds on a few feeds, an hour at 20,000.
    static let passBuckets: [Duration] = [1, 5, 15, 60, 300, 900, 3600].map { .seconds($0) }

    func fetched(_ result: FetchResult) {
        switch result {
        case .modified(let response):
            count(MetricName.fetches, ["result": "modified", "reason": ""])
            count(MetricName.fetchedBytes, [:], by: response.body.count)
        case .notModified:
            count(MetricName.fetches, ["result": "not_modified", "reason": ""])
        case .failed(let error):
            count(MetricName.fetches, ["result": "failed", "reason": Self.reason(error.kind)])
        }
    }

    /// A robots.txt refusal is a failed fetch, for a reason of its own.
    func refusedByRobots() {
        count(MetricName.fetches, ["result": "failed", "reason": "robots"])
    }

    func unreadable() {
        count(MetricName.parseErrors, [:])
    }

    func stored(_ summary: RecordSummary) {
        count(MetricName.newItems, [:], by: summary.newItems)
        count(MetricName.matches, [:], by: summary.newMatches)
        count(MetricName.alerts, [:], by: summary.newAlerts)
    }

    func started(lateBy seconds: TimeInterval) {
        Recorder(label: MetricName.schedulingLag, dimensions: [], aggregate: true, factory: factory).record(max(0, seconds))
    }

    func crawlPass(took duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Timer(label: MetricName.crawlDuration, dimensions: [], factory: factory).recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    func digest(of profile: String, written: Bool) {
        count(written ? MetricName.digestsWritten : MetricName.digestFailures, ["profile": profile])
    }

    /// One digest e-mail's attempt, by its outcome: `sent`, `retry` or `failed` (given up).
    func emailed(_ profile: String, outcome: DeliveryOutcome) {
        let result = switch outcome {
        case .sent: "sent"
        case .retry: "retry"
        case .failed: "failed"
        }
        count(MetricName.digestsSent, ["profile": profile, "result": result])
    }

    func database(bytes: Int64) {
        Gauge(label: MetricName.databaseBytes, dimensions: [], factory: factory).record(bytes)
    }

    func sources(byStatus counts: [String: Int]) {
        for status in ["ok", "failing", "never_fetched"] {
            Gauge(label: MetricName.sources, dimensions: [("status", status)], factory: factory).record(counts[status] ?? 0)
        }
    }

    func updated(at date: Date) {
        Gauge(label: MetricName.updated, dimensions: [], factory: factory).record(date.timeIntervalSince1970.rounded())
    }

    private func count(_ name: String, _ labels: KeyValuePairs<String, String>, by amount: Int = 1) {
        guard amount > 0 else { return }
        Counter(label: name, dimensions: labels.map { ($0.key, $0.value) }, factory: factory).increment(by: amount)
    }

    /// A failure's reason as a label: a few stable words, never the URL or a server's text.
    static func reason(_ kind: FetchError.Kind) -> String {
        switch kind {
        case .httpStatus(let status): "http_\(status / 100)xx"
        case .timeout: "timeout"
        case .bodyTooLarge: "too_large"
        case .tooManyRedirects: "redirects"
        case .forbiddenScheme, .invalidURL, .invalidHeader: "invalid_request"
        case .dns: "dns"
        case .connect: "connect"
        case .tls: "tls"
        case .cancelled: "cancelled"
        case .network: "network"
        }
    }
}
