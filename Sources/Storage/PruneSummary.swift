/// What one call of ``Store/prune(contentBefore:identityBefore:now:batch:)`` removed.
public struct PruneSummary: Sendable, Equatable, CustomStringConvertible {
    /// Items whose text and matches were dropped, their identity keys kept.
    public var itemsPruned = 0
    /// Matches deleted with those items' text.
    public var matchesDeleted = 0
    /// Among ``matchesDeleted``, those no digest had taken: a digest catching up on a period older than the
    /// content limit will not show them.
    public var unassignedMatchesDeleted = 0
    /// Written digests whose matches were all gone (their files on disk stay).
    public var digestsDeleted = 0
    /// Items whose identity keys were dropped too: a page that comes back after this is new again.
    public var itemsForgotten = 0
    /// True when a kind of row filled its batch: more may be left, and the caller should call again.
    public var more = false

    public init() {}

    /// The counts of both, `more` from `rhs`: the sum of consecutive calls.
    public static func + (lhs: PruneSummary, rhs: PruneSummary) -> PruneSummary {
        var sum = PruneSummary()
        sum.itemsPruned = lhs.itemsPruned + rhs.itemsPruned
        sum.matchesDeleted = lhs.matchesDeleted + rhs.matchesDeleted
        sum.unassignedMatchesDeleted = lhs.unassignedMatchesDeleted + rhs.unassignedMatchesDeleted
        sum.digestsDeleted = lhs.digestsDeleted + rhs.digestsDeleted
        sum.itemsForgotten = lhs.itemsForgotten + rhs.itemsForgotten
        sum.more = rhs.more
        return sum
    }

    /// `key=value` pairs, for a log line.
    public var description: String {
        "items_pruned=\(itemsPruned) matches_deleted=\(matchesDeleted) unassigned_matches_deleted=\(unassignedMatchesDeleted) "
            + "digests_deleted=\(digestsDeleted) items_forgotten=\(itemsForgotten)"
    }
}
