import Foundation
import Logging
import Storage

/// Keeps this daemon's leases (sources, digest periods) and declaration alive while long work runs.
struct LeaseRenewal: Sendable {
    let store: any Store
    let identity: ClusterIdentity
    /// `cluster.lease`: leases are renewed every third of it.
    let lease: TimeInterval
    let clock: @Sendable () -> Date
    let logger: Logger

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

    /// Renews once; a failure is logged, and the leases then expire so that other daemons take over.
    func renew() async {
        let now = clock()
        do throws(StorageError) {
            try await store.keepAlive(member: identity.member, owner: identity.owner, now: now, until: now.addingTimeInterval(lease))
        } catch {
            logger.warning("leases not renewed; other daemons may take this daemon's work", metadata: ["error": "\(error)"])
        }
    }
}
