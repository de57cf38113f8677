import Foundation
import Logging
import Storage

/// The digest periods a daemon claims before writing them, so that among daemons sharing a database one
/// writes each period (see ``Store/claimDigestPeriod(_:owner:now:until:again:)``).
public struct DigestLeases: Sendable {
    let store: any Store
    /// This process (``ClusterIdentity/owner``).
    let owner: String
    /// How long a claim holds without renewal.
    let length: TimeInterval
    let clock: @Sendable () -> Date

    public init(store: any Store, owner: String, length: TimeInterval, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.owner = owner
        self.length = length
        self.clock = clock
    }

    /// Asks for `period`; `again` takes a period already written (a digest a person asks for).
    func claim(_ period: String, again: Bool) async throws(StorageError) -> DigestClaim {
        let now = clock()
        return try await store.claimDigestPeriod(period, owner: owner, now: now, until: now.addingTimeInterval(length), again: again)
    }

    /// Ends the claim on `period`, done or free for another daemon. A failure is logged, not thrown: the
    /// lease then expires by itself, and the pending digests still say what is left to write.
    func release(_ period: String, done: Bool, logger: Logger) async {
        do throws(StorageError) {
            try await store.releaseDigestPeriod(period, owner: owner, done: done, now: clock())
        } catch {
            logger.warning("digest period not released; its lease expires by itself", metadata: ["period": "\(period)", "error": "\(error)"])
        }
    }
}
