/// A reference value we are sure is wrong, with why: the comparison is left out of the agreement and
/// counted apart. Each is checked to still disagree, so a stale entry is noticed.
struct CorpusErratum {
    struct Key: Hashable, Sendable {
        /// Path below `corpus/feeds`.
        let path: String
        /// 0-based entry position.
        let entry: Int
        let field: CorpusField
    }

    let key: Key
    let reason: String

    init(_ path: String, entry: Int, _ field: CorpusField, _ reason: String) {
        key = Key(path: path, entry: entry, field: field)
        self.reason = reason
    }

    static var byKey: [Key: CorpusErratum] {
        Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static let all: [CorpusErratum] = []
}
