/// The matches of one digest: every one of them, to assign to its period, and the best, to show.
public struct DigestSelection: Sendable, Equatable {
    /// The row ids of all the digest's matches, in no particular order.
    public var matchIDs: [Int64]
    /// The best of them with their items: by score, highest first, then by date, newest first.
    public var candidates: [DigestCandidate]

    public init(matchIDs: [Int64], candidates: [DigestCandidate]) {
        self.matchIDs = matchIDs
        self.candidates = candidates
    }

    /// How many matches are not among `candidates`.
    public var omitted: Int { matchIDs.count - candidates.count }
}
