import Foundation

/// Where veilleur keeps its state inside the `--state` folder.
public struct StateLayout: Sendable, Equatable {
    /// The state folder itself.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The SQLite database (with its `-wal` and `-shm` companions).
    public var database: URL { root.appendingPathComponent("veilleur.sqlite") }
    /// Daily digests, one folder per period: `digests/YYYY-MM-DD/PROFILE.md`.
    public var digests: URL { root.appendingPathComponent("digests", isDirectory: true) }

    /// Creates the state folder if needed.
    public func prepare() throws {
        try FileManager.default.createDirectory(at: digests, withIntermediateDirectories: true)
    }
}
