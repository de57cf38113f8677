import Configuration
import Foundation
import Logging

/// The daemon's side of metrics: one exposition for the daemon's life, the endpoint the settings ask for
/// (started, moved or stopped on reload), and the store's figures and the textfile refreshed each minute.
///
/// Owned by the daemon's loop, like the pipeline it reads from.
final class MetricsPublishing {
    let exposition = PrometheusExposition()
    private let textfile: MetricsTextfile
    private let logger: Logger
    private var settings: MetricsSettings?
    private var endpoint: MetricsEndpoint?
    /// When the store's figures and the textfile are next refreshed.
    private(set) var nextRefresh = Date.distantPast

    /// How often gauges read from the store are refreshed: node_exporter and Prometheus read every 15 s to
    /// 1 min, and one listing of the sources a minute costs the store nothing at 20,000 sources.
    static let refreshInterval: TimeInterval = 60

    init(textfile: MetricsTextfile, logger: Logger) {
        self.textfile = textfile
        self.logger = logger
    }

    /// Serves the metrics as `settings` say. An address that cannot be bound is logged and the daemon goes on
    /// without the endpoint: metrics are never a reason to stop watching.
    func apply(_ settings: MetricsSettings) async {
        guard settings != self.settings else { return }
        let previous = self.settings
        self.settings = settings
        if previous?.textfile == true, !settings.textfile { try? FileManager.default.removeItem(at: textfile.file) }
        if previous?.listen != settings.listen {
            await endpoint?.stop()
            endpoint = nil
            if let address = settings.listen {
                if !address.isLoopback {
                    logger.warning("metrics endpoint reachable from other machines", metadata: ["address": "\(address)"])
                }
                do {
                    endpoint = try await MetricsEndpoint.start(at: address, serving: exposition, logger: logger)
                } catch {
                    logger.error(
                        "metrics endpoint not started; fix metrics.listen and reload",
                        metadata: ["address": "\(address)", "error": "\(error)"])
                }
            }
        }
        nextRefresh = .distantPast
    }

    /// The address the endpoint listens on, if it runs.
    var endpointAddress: ListenAddress? { endpoint?.address }

    /// Reads the store's figures and rewrites the textfile, once a minute.
    func refresh(_ pipeline: Pipeline, now: Date) async {
        guard now >= nextRefresh else { return }
        nextRefresh = now.addingTimeInterval(Self.refreshInterval)
        do {
            try await pipeline.gatherStoreMetrics()
        } catch {
            logger.warning("could not read the store's figures for the metrics", metadata: ["error": "\(error)"])
        }
        guard settings?.textfile ?? false else { return }
        do {
            try textfile.write(exposition.text())
        } catch {
            logger.warning("could not write the metrics textfile", metadata: ["file": "\(textfile.file.path)", "error": "\(error)"])
        }
    }

    func stop() async {
        await endpoint?.stop()
        endpoint = nil
    }
}
