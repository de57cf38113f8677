import Logging
import Synchronization

/// Keeps every log line a test's pipeline writes, message and metadata rendered as text, so that a test
/// can look for what must never be logged.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at trace level whose lines end up in ``text``.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    /// Everything logged so far, one line per event.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let line = "\(event.message) " + merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            log.lines.withLock { $0.append(line) }
        }
    }
}
