import Model
import Synchronization
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
            case .words: if let problem = wordsProblem(term.text) { return problem }
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

    /// What ``WordPattern/parse(_:)`` finds in `text`, remembered: a thousand profiles sharing topics repeat
    /// the same terms, and parsing them was a fifth of the time spent reading a configuration.
    private static func wordsProblem(_ text: String) -> TermProblem? {
        if isPlainWords(text) { return nil }
        if let known = checkedWords.withLock({ $0[text] }) { return known }
        var problem: TermProblem?
        do throws(TermProblem) {
            _ = try WordPattern.parse(text)
        } catch {
            problem = error
        }
        checkedWords.withLock { checked in
            if checked.count >= checkedWordsCapacity { checked.removeAll(keepingCapacity: true) }
            checked[text] = .some(problem)
        }
        return problem
    }

    /// Whether `text` is ASCII letters and digits between spaces, with at least one of them: words the
    /// tokenizer takes as they are, which can always match. Most terms are; they skip the parse and the lock.
    private static func isPlainWords(_ text: String) -> Bool {
        var hasWord = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                hasWord = true
            case UInt8(ascii: " "): continue
            default: return false
            }
        }
        return hasWord
    }

    /// Word terms already checked, each with its problem or nil; emptied when full, so that a hostile or
    /// huge configuration cannot make it grow without bound.
    private static let checkedWords = Mutex<[String: TermProblem?]>([:])
    private static let checkedWordsCapacity = 100_000
}
