import Configuration
import Daemon
import Dispatch
import Foundation
import Synchronization

/// A configuration loader that loads at once the first time (the daemon's start) and holds every later
/// load (a reload) until the gate opens, standing in for a configuration that is slow to load.
final class LoadGate: Sendable {
    private let calls = Mutex(0)
    private let holding = Mutex(0)
    private let release = DispatchSemaphore(value: 0)
    private let held: AsyncStream<Void>
    private let announce: AsyncStream<Void>.Continuation

    init() {
        (held, announce) = AsyncStream.makeStream()
    }

    /// Loads `directory`, after the gate opens for every call but the first.
    func load(_ directory: URL) throws(ConfigurationError) -> LoadedConfiguration {
        if calls.withLock({ calls in calls += 1; return calls }) > 1 {
            holding.withLock { $0 += 1 }
            announce.yield()
            release.wait()
            holding.withLock { $0 -= 1 }
        }
        return try LoadedConfiguration.load(directory: directory)
    }

    /// Returns once a load is held.
    func waitUntilHolding() async {
        for await _ in held { return }
    }

    /// Loads held at the gate now.
    var holdingCount: Int { holding.withLock { $0 } }

    /// Lets one held load (or the next one) go on.
    func open() {
        release.signal()
    }
}
