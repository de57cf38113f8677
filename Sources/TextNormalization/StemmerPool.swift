import Synchronization

/// Idle ``Stemmer``s to lend, so that concurrent tasks each stem with their own and never wait for one
/// another, while the stemmers (and their caches) outlive any one item.
///
/// A task borrows a stemmer for a whole item (``withStemmer(_:_:)``): the pool's lock is taken twice per
/// item, never per word. The pool creates a stemmer when none of the language is idle, so it holds about
/// as many as tasks ever stemmed at once.
public final class StemmerPool: Sendable {
    /// Idle stemmers kept per language; more than the cores of any machine veilleur runs on.
    private static let idleLimit = 16
    private let idle = Mutex<[Language: [Stemmer]]>([:])

    /// Creates an empty pool.
    public init() {}

    /// Runs `body` with a stemmer of `language` that no other task uses meanwhile.
    public func withStemmer<Result>(_ language: Language, _ body: (Stemmer) throws -> Result) rethrows -> Result {
        let stemmer = idle.withLock { $0[language]?.popLast() } ?? Stemmer(language: language)
        defer {
            idle.withLock { idle in
                if idle[language, default: []].count < Self.idleLimit { idle[language, default: []].append(stemmer) }
            }
        }
        return try body(stemmer)
    }
}
