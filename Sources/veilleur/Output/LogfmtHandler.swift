import Foundation
import Logging
import Synchronization

/// Writes one line per event to standard error: `ts=… level=… msg="…" key=value…`, the logfmt shape
/// that journald, grep and log shippers read without a parser of their own.
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
        var line = "ts=\(Date().formatted(.iso8601)) level=\(event.level) msg=\(Self.quoted("\(event.message)"))"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quoted("\(merged[key]!)"))"
        }
        FileHandle.standardError.writeLine(line)
    }

    /// Quotes a value when it holds spaces, quotes, `=` or control characters; newlines never split a line.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0 == "\t" }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
