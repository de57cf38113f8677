import Foundation
import Glibc
import Logging
import Synchronization

/// The shared part of a ``LoopbackServer``, referenced by its threads so that the public object can be
/// released (and stop the server) while they run.
final class LoopbackServerCore: Sendable {
    private struct State {
        var requests: [HTTPRequest] = []
        var acceptedConnections = 0
        /// When each of `requests` had been read whole, in the same order.
        var arrivals: [ContinuousClock.Instant] = []
        var openConnections: Set<Int32> = []
        var stopped = false
    }

    private let listener: ListeningSocket
    /// Written once by `stop()` to wake the accept thread out of `poll`.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let acceptEnded = DispatchSemaphore(value: 0)
    private let state = Mutex(State())
    private let keepAlive: Bool
    private let logger: Logger
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse

    init(
        listener: ListeningSocket, keepAlive: Bool, logger: Logger, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let code = errno
            close(listener.descriptor)
            throw LoopbackServerError(operation: "pipe", code: code, port: listener.port)
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        self.listener = listener
        self.keepAlive = keepAlive
        wakeRead = fds[0]
        wakeWrite = fds[1]
        self.logger = logger
        self.handler = handler
    }

    var receivedRequests: [HTTPRequest] { state.withLock { $0.requests } }

    var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }

    var arrivalTimes: [ContinuousClock.Instant] { state.withLock { $0.arrivals } }

    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-accept-\(listener.port)"
        thread.start()
        logger.debug("loopback server started", metadata: ["port": "\(listener.port)"])
    }

    func stop() {
        let first = state.withLock { state in
            guard !state.stopped else { return false }
            state.stopped = true
            // Under the lock: a serving thread removes its descriptor here before closing it, so none is reused.
            for fd in state.openConnections {
                shutdown(fd, Int32(SHUT_RDWR))
            }
            return true
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        acceptEnded.wait()
        close(listener.descriptor)
        close(wakeRead)
        close(wakeWrite)
        logger.debug("loopback server stopped", metadata: ["port": "\(listener.port)"])
    }

    private func acceptLoop() {
        defer { acceptEnded.signal() }
        while true {
            var fds = [
                pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                logger.error("loopback poll failed", metadata: ["port": "\(listener.port)", "errno": "\(errno)"])
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let connection = accept(listener.descriptor, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            let accepted = state.withLock { state in
                guard !state.stopped else { return false }
                state.openConnections.insert(connection)
                state.acceptedConnections += 1
                return true
            }
            guard accepted else {
                close(connection)
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "loopback-conn-\(listener.port)"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            state.withLock { _ = $0.openConnections.remove(fd) }
            close(fd)
        }
        // A kept-alive connection may sit idle for as long as libcurl keeps it for reuse (118 s by default):
        // on a loaded machine the next request of a test can come many seconds later, and closing the
        // connection first would make reuse look broken. `stop()` cuts idle connections whatever this is.
        setTimeout(fd, option: SO_RCVTIMEO, seconds: keepAlive ? 120 : 10)
        setTimeout(fd, option: SO_SNDTIMEO, seconds: 10)
        // Bytes received past the end of one request head belong to the next request on the connection.
        var received: [UInt8] = []
        while true {
            let response: HTTPResponse
            var close = true
            switch readHead(fd, buffered: &received) {
            case .closed:
                return
            case .tooLarge:
                response = .text("request head too large\n", status: 431)
            case .head(let bytes):
                guard let request = HTTPRequestHead.parse(bytes[...]) else {
                    response = .text("malformed request\n", status: 400)
                    break
                }
                let arrival = ContinuousClock.now
                state.withLock { state in
                    state.requests.append(request)
                    state.arrivals.append(arrival)
                }
                response = handler(request)
                close = !keepAlive || response.framing == .untilClose || request.headers["connection"]?.lowercased() == "close"
                logger.debug(
                    "loopback request",
                    metadata: ["method": "\(request.method)", "path": "\(request.path)", "status": "\(response.status)"]
                )
            }
            guard sendAll(fd, response.serialized(closing: close)), !close else { return }
        }
    }

    private enum HeadRead {
        case head([UInt8])
        case tooLarge
        case closed
    }

    /// Reads until `received` holds a whole head, which it returns and removes from `received`.
    private func readHead(_ fd: Int32, buffered received: inout [UInt8]) -> HeadRead {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = HTTPRequestHead.endOfHead(in: received) {
                defer { received.removeFirst(end) }
                return .head(Array(received[0..<end]))
            }
            if received.count > HTTPRequestHead.maxBytes { return .tooLarge }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .closed }
            received += buffer[0..<count]
        }
    }

    /// Whether every byte was sent.
    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a client that hung up must not kill the process with SIGPIPE.
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    private func setTimeout(_ fd: Int32, option: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }
}
