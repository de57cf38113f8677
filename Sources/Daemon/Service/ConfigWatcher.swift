import Configuration
import Foundation
import Logging

/// Reports edits to the configuration files once they have settled, so that an editor writing a file in
/// several steps causes one reload, not one per step.
///
/// Where the kernel offers inotify the watcher sleeps until a configuration folder changes (``FolderEvents``)
/// and looks at the files only then, until they stay the same for `settle`; elsewhere, or when the folders
/// cannot be watched (the per-user watch limit is reached), it looks every `pollInterval`. Either way ``ConfigFingerprint`` decides whether anything
/// that is configuration changed, so an editor's swap file or a `.git` folder never causes a reload.
public struct ConfigWatcher: Sendable {
    let directory: URL
    /// How long the files must stay the same after a kernel event before the change counts.
    let settle: Duration
    /// How often the files are looked at without kernel events; a change counts once seen twice in a row.
    let pollInterval: Duration
    let logger: Logger

    public init(directory: URL, settle: Duration, pollInterval: Duration, logger: Logger) {
        self.directory = directory
        self.settle = settle
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Calls `changed` each time the files differ from their last settled state and then stay the same
    /// for a while. Returns when the calling task is cancelled.
    ///
    /// `watching` is called once edits from then on are sure to be seen (the kernel watches are in place,
    /// or the first state to poll against is read).
    public func run(watching: @Sendable () -> Void = {}, changed: @Sendable () -> Void) async {
        var settled = ConfigFingerprint(of: directory)
        guard let events = FolderEvents(logger: logger) else {
            watching()
            await poll(from: settled, changed: changed)
            return
        }
        defer { events.close() }
        guard events.watch(folders(), logger: logger) else {
            logger.warning("configuration folders cannot all be watched; polling them", metadata: ["directory": "\(directory.path)"])
            watching()
            await poll(from: settled, changed: changed)
            return
        }
        // Read again now that the watches are in place: an edit in between is then either here or reported.
        settled = ConfigFingerprint(of: directory)
        watching()
        for await _ in events.changes {
            var candidate = ConfigFingerprint(of: directory)
            while true {
                do { try await Task.sleep(for: settle) } catch { return }
                let now = ConfigFingerprint(of: directory)
                if now == candidate { break }
                candidate = now
            }
            // A folder created since (vocabularies/), or a profile now linked to a file elsewhere.
            _ = events.watch(folders(), logger: logger)
            if candidate != settled {
                settled = candidate
                changed()
            }
        }
    }

    private func poll(from start: ConfigFingerprint, changed: @Sendable () -> Void) async {
        var settled = start
        var candidate = settled
        while !Task.isCancelled {
            do { try await Task.sleep(for: pollInterval) } catch { return }
            let now = ConfigFingerprint(of: directory)
            if now != candidate {
                candidate = now
            } else if now != settled {
                settled = now
                changed()
            }
        }
    }

    /// The folders whose entries make up the configuration: the folder itself, `profiles/`, `vocabularies/`,
    /// and the folder of each file a configuration file links to, since an edit there changes no entry here.
    func folders() -> [String] {
        let files = ConfigurationFiles(directory: directory)
        var folders = [directory.path, files.profilesFolder.path, files.vocabulariesFolder.path]
        for file in files.all() {
            let target = file.resolvingSymlinksInPath()
            if target.path != file.path { folders.append(target.deletingLastPathComponent().path) }
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }
}
