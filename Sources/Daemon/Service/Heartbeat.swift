import Synchronization

/// The last moment the daemon showed progress; the watchdog pings systemd only while it is recent,
/// so a hung loop gets the service restarted instead of being kept alive by a timer.
public final class Heartbeat: Sendable {
    private let last = Mutex(ContinuousClock.now)

    public init() {}

    /// Records progress now.
    public func beat() {
        last.withLock { $0 = .now }
    }

    /// Time since the last progress.
    public var age: Duration {
        last.withLock { ContinuousClock.now - $0 }
    }
}

/// Set once an operator asked the daemon to stop; read between crawl batches.
public final class StopRequest: Sendable {
    private let requested = Mutex(false)

    public init() {}

    /// Asks the daemon to stop.
    public func request() {
        requested.withLock { $0 = true }
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        requested.withLock { $0 }
    }
}
