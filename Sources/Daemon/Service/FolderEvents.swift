import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
import Glibc

/// Linux's inotify on a few folders, as a stream that yields when anything in them may have changed.
///
/// Events are not interpreted: the caller looks at the files it cares about when woken. The stream keeps at
/// most one pending wake-up, so a burst of events (an editor's save, a `git checkout`) costs one look.
final class FolderEvents: Sendable {
    /// A save by rename (most editors) is `MOVED_TO`; an in-place save is `CLOSE_WRITE`; links and
    /// permission changes are `ATTRIB`; the folder itself renamed or deleted is `*_SELF`.
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
        | UInt32(IN_DELETE_SELF | IN_MOVE_SELF)

    private let descriptor: Int32
    // DispatchSourceRead is not marked Sendable on Linux; it is only resumed here and cancelled once in close().
    nonisolated(unsafe) private let source: any DispatchSourceRead
    let changes: AsyncStream<Void>

    /// Nil when the kernel refuses an inotify instance (too many open, or not supported).
    init?(logger: Logger) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            logger.warning("inotify is not available; polling the configuration", metadata: ["errno": "\(errno)"])
            return nil
        }
        self.descriptor = descriptor
        let (changes, sink) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.changes = changes
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "veilleur.config-events"))
        source.setEventHandler {
            // The events are drained and dropped: what changed is read from the files themselves.
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
            sink.yield()
        }
        source.setCancelHandler {
            Glibc.close(descriptor)
            sink.finish()
        }
        source.resume()
    }

    /// Watches each of `folders` that exists (watching one twice is harmless). False when one that exists
    /// could not be watched, for instance past `fs.inotify.max_user_watches`.
    func watch(_ folders: [String], logger: Logger) -> Bool {
        var all = true
        for folder in folders where inotify_add_watch(descriptor, folder, Self.mask) < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { continue }
            logger.warning("cannot watch a configuration folder", metadata: ["folder": "\(folder)", "errno": "\(code)"])
            all = false
        }
        return all
    }

    /// Stops watching and ends ``changes``.
    func close() {
        source.cancel()
    }
}
#else
/// No kernel notifications on this system: the watcher polls.
final class FolderEvents: Sendable {
    let changes = AsyncStream<Void> { $0.finish() }
    init?(logger: Logger) { return nil }
    func watch(_ folders: [String], logger: Logger) -> Bool { false }
    func close() {}
}
#endif
