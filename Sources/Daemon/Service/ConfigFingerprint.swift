import Configuration
import Foundation

/// What the configuration looks like on disk: for each file it is made of (``ConfigurationFiles``), whether
/// it exists, its size, modification time and inode.
///
/// Comparing two fingerprints tells the daemon that a person edited, added or removed a configuration
/// file, without a signal. It costs one `stat` per configuration file and one listing of `profiles/`;
/// nothing else in the folder is looked at, so a `.git` folder neither costs anything nor causes reloads.
public struct ConfigFingerprint: Sendable, Equatable {
    private struct Entry: Sendable, Equatable {
        var path: String
        /// Nil when the file does not exist (or cannot be read, which the reload then reports).
        var status: Status?
    }

    private struct Status: Sendable, Equatable {
        var size: UInt64
        var modified: Date
        /// An editor that saves by writing a new file and renaming it changes the inode even within one
        /// tick of the clock.
        var inode: UInt64
    }

    private let entries: [Entry]

    /// Looks at the configuration files of `directory` now.
    public init(of directory: URL) {
        entries = ConfigurationFiles(directory: directory).all().map { file in
            Entry(path: file.path, status: Self.status(of: file))
        }
    }

    private static func status(of file: URL) -> Status? {
        // Links are followed: a profile may be a link to a file kept elsewhere.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.resolvingSymlinksInPath().path)
        else { return nil }
        return Status(
            size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
            modified: attributes[.modificationDate] as? Date ?? .distantPast,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
    }
}
