/// The matches of one digest: every one of them, to assign to its period, and the best entries, to show.
///
/// An entry is a story: the copies of one release republished by several sources (near-duplicates) are
/// one entry, shown through its best-ranked copy with the others listed (``DigestCandidate/copies``).
public struct DigestSelection: Sendable, Equatable {
    /// The row ids of all the digest's matches, every copy's included, in no particular order.
    public var matchIDs: [Int64]
    /// The best entries with their items: by score, highest first, then by date, newest first.
    public var candidates: [DigestCandidate]
    /// How many entries the digest has, listed in ``candidates`` or not. Copies folded into another
    /// entry, and stories the profile was alerted to in an earlier period, are not entries.
    public var entryCount: Int

    public init(matchIDs: [Int64], candidates: [DigestCandidate], entryCount: Int) {
        self.matchIDs = matchIDs
        self.candidates = candidates
        self.entryCount = entryCount
    }

    /// How many entries are not among `candidates`.
    public var omitted: Int { entryCount - candidates.count }
}
