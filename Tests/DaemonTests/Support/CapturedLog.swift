import Logging
import Synchronization

/// Keeps every log line a test's pipeline writes, message and metadata rendered as text, so that a test
/// can look for what must never be logged, or wait for a line to be logged.
final class CapturedLog: Sendable {
    private let state = Mutex<(lines: [String], waiters: [(String, CheckedContinuation<Void, Never>)])>(([], []))

    /// A logger at trace level whose lines end up in ``text``.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    /// Everything logged so far, one line per event.
    var text: String { state.withLock { $0.lines.joined(separator: "\n") } }

    /// Returns once a line containing `message` was logged.
    func wait(for message: String) async {
        await withCheckedContinuation { continuation in
            let seen = state.withLock { state in
                if state.lines.contains(where: { $0.contains(message) }) { return true }
                state.waiters.append((message, continuation))
                return false
            }
            if seen { continuation.resume() }
        }
    }

    private func append(_ line: String) {
        let ready = state.withLock { state in
            state.lines.append(line)
            let ready = state.waiters.filter { line.contains($0.0) }.map(\.1)
            state.waiters.removeAll { line.contains($0.0) }
            return ready
        }
        ready.forEach { $0.resume() }
    }

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
            log.append("\(event.message) " + merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))
        }
    }
}
