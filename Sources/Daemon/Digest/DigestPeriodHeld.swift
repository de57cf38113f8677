import Foundation

/// A digest asked for while another daemon sharing the database writes the same period.
public struct DigestPeriodHeld: Error, Sendable, Equatable, CustomStringConvertible {
    /// The period, `YYYY-MM-DD`.
    public var period: String
    /// The process writing it (``ClusterIdentity/owner``).
    public var owner: String
    /// When its lease ends if it does not renew it.
    public var until: Date

    public init(period: String, owner: String, until: Date) {
        self.period = period
        self.owner = owner
        self.until = until
    }

    public var description: String {
        "the digests of \(period) are being written by \(owner) (lease until \(until.formatted(.iso8601)))"
    }
}
