import Foundation
import Logging
import Storage
import Synchronization

/// Keeps this daemon's leases (sources, digest periods) and declaration alive while long work runs.
///
/// The daemon's loop, a crawl pass and a digest run may each want to renew at once: one renewal at a time
/// runs, and one asked for while another is in flight is left to it.
struct LeaseRenewal: Sendable {
    let store: any Store
    let identity: ClusterIdentity
    /// `cluster.lease`: leases are renewed every third of it.
    let lease: TimeInterval
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Shared by every renewal of one pipeline.
    let inFlight: RenewalInFlight

    /// Runs `body` while a task renews this daemon's leases every third of a lease, so that a pass or a
    /// digest run longer than one lease keeps what it claimed; a daemon killed meanwhile stops renewing.
    func during<Value>(_ body: () async throws -> Value) async throws -> Value {
        let renewal = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(lease / 3))
                guard !Task.isCancelled else { return }
                await renew()
            }
        }
        let result: Result<Value, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        // Awaited, so that the task lets go of the store before the caller does: a command's store then
        // closes (and SQLite folds its write-ahead log back) when the command ends.
        renewal.cancel()
        await renewal.value
        return try result.get()
    }

    /// Renews once, unless a renewal is in flight; a failure is logged, and the leases then expire so that
    /// other daemons take over.
    func renew() async {
        guard inFlight.begin() else { return }
        defer { inFlight.end() }
        let now = clock()
        do throws(StorageError) {
            try await store.keepAlive(member: identity.member, owner: identity.owner, now: now, until: now.addingTimeInterval(lease))
        } catch {
            logger.warning("leases not renewed; other daemons may take this daemon's work", metadata: ["error": "\(error)"])
        }
    }
}

/// Whether a renewal of one pipeline's leases is running.
final class RenewalInFlight: Sendable {
    private let running = Mutex(false)

    /// True when no renewal was running, and now one is.
    func begin() -> Bool {
        running.withLock { running in
            defer { running = true }
            return !running
        }
    }

    func end() {
        running.withLock { $0 = false }
    }
}
