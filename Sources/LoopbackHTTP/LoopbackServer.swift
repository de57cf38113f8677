import Foundation
import Logging

/// A real, minimal HTTP/1.1 server bound to 127.0.0.1, for tests and demonstrations.
///
/// One thread accepts connections and each connection is served on its own thread, so a handler
/// may block (for instance until a test lets a response go) without holding up other clients.
/// Every response closes its connection, unless the server keeps connections alive.
public final class LoopbackServer: Sendable {
    /// The bound port (the ephemeral one chosen by the system when 0 was asked).
    public let port: Int
    private let core: LoopbackServerCore

    /// Binds 127.0.0.1:`port` (0 picks a free port) and starts serving with `handler`.
    /// - Parameter keepAlive: serve further requests on a connection after a response whose end the client
    ///   can tell (``HTTPResponse/Framing/contentLength`` or ``HTTPResponse/Framing/chunked``), as HTTP/1.1
    ///   servers do, instead of closing it after each one.
    public init(
        port: Int = 0,
        keepAlive: Bool = false,
        logger: Logger = Logger(label: "veilleur.loopback"),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        let listener = try ListeningSocket(port: port)
        self.port = listener.port
        core = try LoopbackServerCore(listener: listener, keepAlive: keepAlive, logger: logger, handler: handler)
        core.start()
    }

    deinit {
        core.stop()
    }

    /// The root URL of the server, `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [HTTPRequest] { core.receivedRequests }

    /// How many TCP connections the server has accepted so far: with `keepAlive`, fewer than ``requests``
    /// when clients reuse them.
    public var connectionsAccepted: Int { core.acceptedConnections }

    /// When each of ``requests`` had been read whole by the server, in the same order: what a test
    /// measures the spacing of requests by, on the server's side.
    public var arrivalTimes: [ContinuousClock.Instant] { core.arrivalTimes }

    /// Closes the listening socket, waits for the accept thread to end and cuts open connections.
    /// Idempotent. A handler still running finishes on its own thread; its answer is then discarded.
    public func stop() {
        core.stop()
    }
}
