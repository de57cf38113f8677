import Model

extension Array where Element == Match {
    /// These matches, each list of topics, terms or surfaces equal to the previous match's made that same
    /// array. The profiles an item matches nearly always found the same words in it (1,000 profiles: some 700
    /// matches per feed, one evidence per item), so a document waiting for the store holds one copy of them
    /// per item instead of one per profile, and the store tells them equal by identity.
    func sharingEvidence() -> [Match] {
        guard count > 1 else { return self }
        var shared = self
        for index in shared.indices.dropFirst() {
            let previous = shared[index - 1]
            if shared[index].topics == previous.topics { shared[index].topics = previous.topics }
            if shared[index].terms == previous.terms { shared[index].terms = previous.terms }
            if shared[index].surfaces == previous.surfaces { shared[index].surfaces = previous.surfaces }
        }
        return shared
    }
}
