/// Terms that must all be found close to one another in one field: `{near: [a, b], within: 5}`.
public struct Proximity: Sendable, Equatable, Hashable {
    /// What must be found, two at least.
    public var members: [TermChoice]
    /// The most words allowed between the members, not counting their own words: 0 means adjacent.
    public var within: Int
    /// Whether the members must appear in the order listed.
    public var ordered: Bool

    /// Creates a group.
    public init(members: [TermChoice], within: Int, ordered: Bool = false) {
        self.members = members
        self.within = within
        self.ordered = ordered
    }

    /// `a NEAR/5 b` (any order) or `a PRE/5 b` (in order), the notation of press databases.
    public var label: String {
        members.map(\.label).joined(separator: ordered ? " PRE/\(within) " : " NEAR/\(within) ")
    }
}
