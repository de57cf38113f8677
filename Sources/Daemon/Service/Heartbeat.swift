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
