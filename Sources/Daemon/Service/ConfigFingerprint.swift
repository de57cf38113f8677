import Foundation

/// What the configuration folder looks like on disk: every regular file's path, size and modification time.
///
/// Comparing two fingerprints tells the daemon that a person edited, added or removed a file, without a
/// signal; it costs one `stat` per file, which for a configuration folder is nothing.
public struct ConfigFingerprint: Sendable, Equatable {
    private struct Entry: Sendable, Equatable {
        var path: String
        var size: Int
        var modified: Date
    }

    private let entries: [Entry]

    /// Reads the folder now; an unreadable folder gives an empty fingerprint (and the reload that follows
    /// reports why it cannot be read).
    public init(of directory: URL) {
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: keys) else {
            entries = []
            return
        }
        var entries: [Entry] = []
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            entries.append(Entry(path: url.path, size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast))
        }
        self.entries = entries.sorted { $0.path < $1.path }
    }
}

/// Polls the configuration folder and reports edits once they have settled, so that an editor writing a
/// file in several steps causes one reload, not one per step.
struct ConfigWatcher: Sendable {
    let directory: URL
    let interval: Duration

    /// Calls `changed` each time the folder differs from the last settled state and then stays the same
    /// for one more interval. Returns when the calling task is cancelled.
    func run(changed: @Sendable () -> Void) async {
        var settled = ConfigFingerprint(of: directory)
        var candidate = settled
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let now = ConfigFingerprint(of: directory)
            if now != candidate {
                candidate = now
            } else if now != settled {
                settled = now
                changed()
            }
        }
    }
}
