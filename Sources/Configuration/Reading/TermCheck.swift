import Model
import TextNormalization

/// Tells, before any item is read, whether a term can match at all: the configuration reader reports
/// what this finds at the term's position, so `veilleur check` and the matcher never disagree.
enum TermCheck {
    /// Why `term` can never match, or nil when it can: a term with no word, a star alone or inside a word,
    /// a wildcard with fewer than 3 letters, or a regular expression refused by ``BoundedRegex``. A proximity
    /// group reports the first problem of its members.
    static func problem(with term: Term) -> TermProblem? {
        do {
            switch term.kind {
            case .words: if let problem = WordPattern.problem(in: term.text) { return problem }
            case .regex: _ = try BoundedRegex(term.text)
            case .near(let proximity):
                for alternative in proximity.members.flatMap(\.terms) {
                    if let problem = problem(with: alternative) { return problem }
                }
            }
            return nil
        } catch {
            return error
        }
    }
}
