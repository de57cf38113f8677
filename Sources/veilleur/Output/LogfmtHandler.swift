import Foundation
import Logging
import Synchronization

/// Writes one line per event to standard error: `ts=… level=… msg="…" key=value…`, the logfmt shape
/// that journald, grep and log shippers read without a parser of their own. Lines go through
/// ``StandardError``, so a progress line shown on a terminal is cleared before each and drawn again after.
struct LogfmtHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String

    private static let bootstrapped = Mutex(false)

    /// swift-log allows one bootstrap per process; tests and subcommands may ask more than once.
    static func bootstrapOnce(level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in LogfmtHandler(logLevel: level, label: label) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let line = Self.line(timestamp: Date().formatted(.iso8601), level: event.level, message: "\(event.message)", metadata: merged)
        StandardError.shared.writeLine(line)
    }

    /// One event as one logfmt line, metadata keys sorted.
    static func line(timestamp: String, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "ts=\(timestamp) level=\(level) msg=\(quoted(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoted("\(metadata[key]!)"))"
        }
        return line
    }

    /// Quotes a value when it holds spaces, quotes, `=` or a character `TerminalText` escapes; inside
    /// quotes those are escaped, so an event is always one line of visible characters.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty
            || value.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || TerminalText.needsEscaping($0) }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where TerminalText.needsEscaping(scalar): out += TerminalText.escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
