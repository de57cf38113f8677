import Model
import Yams

/// Counts the terms of all profiles as they are read, vocabularies expanded at each use, so that past
/// ``Limits/maximumTerms`` no more are built: a vocabulary of many terms used by many topics would
/// otherwise stand for far more terms than any file holds.
struct TermBudget {
    private var used = 0
    /// Set once the budget is spent, so the excess is reported once.
    private var isSpent = false

    /// Takes `count` terms from the budget; false (reporting the first time) when they do not fit.
    mutating func take(_ count: Int, at node: Yams.Node, with reader: inout YAMLReader) -> Bool {
        guard !isSpent else { return false }
        guard used + count <= Limits.maximumTerms else {
            isSpent = true
            reader.report("the profiles hold more than \(Limits.maximumTerms) terms in all; remove terms or profiles", at: node)
            return false
        }
        used += count
        return true
    }
}
