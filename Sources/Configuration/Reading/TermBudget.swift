import Model
import Synchronization
import Yams

/// Counts the terms of all profiles as they are read, vocabularies expanded at each use, so that past
/// ``Limits/maximumTerms`` no more are built: a vocabulary of many terms used by many topics would
/// otherwise stand for far more terms than any file holds.
///
/// Profiles read at once on several threads each hold a budget drawing on one ``TermPool``.
struct TermBudget {
    private let pool: TermPool
    /// Set once the budget is spent, so the excess is reported once.
    private(set) var isSpent = false

    init(pool: TermPool = TermPool()) {
        self.pool = pool
    }

    /// Takes `count` terms from the budget; false (reporting the first time) when they do not fit.
    mutating func take(_ count: Int, at node: Yams.Node, with reader: inout YAMLReader) -> Bool {
        guard !isSpent else { return false }
        guard pool.take(count) else {
            isSpent = true
            reader.report("the profiles hold more than \(Limits.maximumTerms) terms in all; remove terms or profiles", at: node)
            return false
        }
        return true
    }
}

/// The terms taken so far by every ``TermBudget`` drawing on it.
final class TermPool: Sendable {
    private let used = Atomic<Int>(0)

    /// Takes `count` terms when they fit under ``Limits/maximumTerms``; false, taking none, when they do not.
    func take(_ count: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while current + count <= Limits.maximumTerms {
            let (exchanged, original) = used.compareExchange(expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }
}
