import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard error, shared by log lines, error lines and the progress line, so that none garbles another.
///
/// While a progress line is shown, a line written through ``writeLine(_:)`` first clears it and then
/// draws it again below, as cargo and apt do: the log keeps whole lines and the progress stays at the
/// bottom. Each call is one `write` made under the lock, so lines from several threads never interleave.
final class StandardError: Sendable {
    /// The process's standard error.
    static let shared = StandardError { bytes in StandardError.writeAll(bytes, to: 2) }

    /// Returns the cursor to the start of the line and erases to its end.
    static let clearLine = "\r\u{1B}[K"

    private let shown = Mutex<String?>(nil)
    private let sink: @Sendable ([UInt8]) -> Void

    /// - Parameter sink: writes bytes out; called under the lock, one call per event.
    init(sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = sink
    }

    /// Writes `text` and a newline, around the progress line if one is shown.
    func writeLine(_ text: String) {
        shown.withLock { status in
            var out = status == nil ? "" : Self.clearLine
            out += text + "\n"
            if let status { out += Self.frame(status) }
            sink(Array(out.utf8))
        }
    }

    /// Shows `status` as the progress line, in place of the one shown.
    func show(_ status: String) {
        shown.withLock { shown in
            shown = status
            sink(Array(Self.frame(status).utf8))
        }
    }

    /// Clears the progress line, if one is shown.
    func clear() {
        shown.withLock { shown in
            guard shown != nil else { return }
            shown = nil
            sink(Array(Self.clearLine.utf8))
        }
    }

    private static func frame(_ status: String) -> String {
        "\r" + status + "\u{1B}[K"
    }

    /// Writes every byte, going on after a partial write or a signal; a failure leaves nowhere to report it.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

extension StandardError {
    /// Writes an error of a command as its one line.
    func report(_ failure: CommandFailure) {
        writeLine(failure.description)
    }
}
