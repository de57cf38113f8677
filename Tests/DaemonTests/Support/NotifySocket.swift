import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket: the test binds it and reads what the daemon sends.
final class NotifySocket: Sendable {
    let path: String
    private let fd: Int32

    /// Binds a socket at `path`; a leading `@` makes it abstract. Reads time out after `timeout` seconds: a
    /// guard against a daemon that never speaks, generous so that a loaded machine is not mistaken for one:
    /// the daemon under test shares the test process's two-thread task pool with every suite running at once,
    /// and on a machine loaded ten times over its start was seen to take more than a minute.
    init(path: String, timeout: Int = 240) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        if !path.hasPrefix("@") { unlink(path) }
    }

    /// The next datagram, or nil after the timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Reads datagrams until one contains `needle`; returns everything read, or nil on timeout.
    /// The blocking reads run on a thread of their own so that the daemon under test keeps the task pool.
    func receive(until needle: String) async -> [String]? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var seen: [String] = []
                while let message = self.receive() {
                    seen.append(message)
                    if message.contains(needle) {
                        continuation.resume(returning: seen)
                        return
                    }
                }
                continuation.resume(returning: nil)
            }
        }
    }
}
