#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes gathered for standard output and written in blocks of about 256 KiB: `parse` and `match` print a
/// line per item, and a write (or a `print`) per line cost as much as reading or matching the items.
/// When standard output is a pipe, it is enlarged (``OutputPipe``) before the first block goes.
struct StandardOutputBuffer {
    /// The size at which ``appendAndFlushIfFull(_:)`` writes what it holds.
    static let blockSize = 1 << 18

    var bytes: [UInt8] = []

    /// Adds `more`, then writes everything held once a block is full.
    mutating func appendAndFlushIfFull(_ more: [UInt8]) {
        bytes += more
        flushIfFull()
    }

    /// Writes everything held once a block is full.
    mutating func flushIfFull() {
        if bytes.count >= Self.blockSize { flush() }
    }

    /// Writes everything held.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        _ = OutputPipe.standardOutputEnlarged
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = write(STDOUT_FILENO, buffer.baseAddress! + written, buffer.count - written)
                if count < 0, errno == EINTR { continue }
                // A closed pipe ends the process by SIGPIPE, as print() did; any other failure drops the rest.
                guard count > 0 else { return }
                written += count
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
