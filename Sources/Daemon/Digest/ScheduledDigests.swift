import Foundation

/// What became of a period's digests at their scheduled time (``Pipeline/writeScheduledDigests(period:cutoff:)``).
public enum ScheduledDigests: Sendable, Equatable {
    /// This daemon wrote them and marked the period done.
    case written
    /// Another daemon (this owner) wrote them already.
    case writtenElsewhere(by: String)
    /// Another daemon is writing them, with a lease until then: ask again after it, in case that daemon died.
    case heldElsewhere(by: String, until: Date)
}
