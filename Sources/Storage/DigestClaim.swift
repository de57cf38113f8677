import Foundation

/// The answer to a daemon asking to write the digests of a period (``Store/claimDigestPeriod(_:owner:now:until:again:)``).
public enum DigestClaim: Sendable, Equatable {
    /// The caller holds the period until its lease ends: it writes, then releases.
    case granted
    /// Another daemon is writing it, with a lease until then; ask again after, in case it died.
    case held(by: String, until: Date)
    /// Written already, by this owner at that time; the schedule does not write it again.
    case done(by: String, at: Date)
}
