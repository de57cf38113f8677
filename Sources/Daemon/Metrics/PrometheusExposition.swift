import Foundation
import Prometheus

/// The daemon's metrics in Prometheus's text format: a registry of its own that ``metrics`` counts into,
/// read by the HTTP endpoint (``MetricsEndpoint``) and the node_exporter textfile (``MetricsTextfile``).
public final class PrometheusExposition: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// Counts into this exposition's registry.
    public let metrics: DaemonMetrics

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricName.crawlDuration] = DaemonMetrics.passBuckets
        factory.valueHistogramBuckets[MetricName.schedulingLag] = DaemonMetrics.lagBuckets
        metrics = DaemonMetrics(factory: factory)
    }

    /// Every metric now, in the text exposition format (version 0.0.4).
    public func text() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The media type of ``text()``.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
