import Foundation
import Storage

/// Where veilleur keeps its state inside the `--state` folder.
public struct StateLayout: Sendable, Equatable {
    /// The state folder itself.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The default SQLite database (with its `-wal` and `-shm` companions).
    public var database: URL { root.appendingPathComponent("veilleur.sqlite") }
    /// ``database`` as a location: where the store is when nothing else names one (see ``DatabaseChoice``).
    public var defaultDatabase: DatabaseLocation { .sqlite(path: database.standardizedFileURL.path) }
    /// The lock that keeps a second daemon, or a one-shot command, from writing beside a running daemon.
    public var lockFile: URL { root.appendingPathComponent("veilleur.lock") }
    /// Digests: one folder per period (`YYYY-MM-DD/PROFILE.html|md|json`), `index.html`, `latest/` and
    /// one Atom feed per profile (`PROFILE.atom`).
    public var digests: URL { root.appendingPathComponent("digests", isDirectory: true) }
    /// The metrics for node_exporter's textfile collector, rewritten each minute.
    public var metricsTextfile: URL { root.appendingPathComponent("metrics/veilleur.prom") }
    /// Immediate alerts: one JSON file per alert (`PROFILE-ITEM.json`, docs/alerts.md).
    public var alerts: URL { root.appendingPathComponent("alerts", isDirectory: true) }

    /// Creates the state folder if needed.
    public func prepare() throws {
        try FileManager.default.createDirectory(at: digests, withIntermediateDirectories: true)
    }
}
