import CStemmer
import Synchronization

/// A Snowball stemmer (the C libstemmer) for one language, with a cache of the words it has seen.
///
/// Snowball needs lowercase words that still have their accents ("augmentée", not "AUGMENTÉE" nor
/// "augmentee"), so tokens are stemmed from ``Token/caseFolded`` and only the stem is folded: case-fold →
/// stem → strip accents. ``key(_:)`` does the last two steps.
///
/// A libstemmer object is not thread-safe; each `Stemmer` guards its own with a mutex. Sharing one between
/// tasks is therefore safe but makes them take turns: concurrent tasks should each borrow one from a
/// ``StemmerPool``. The lock is taken once per call (once per batch inside ``MatchKeys``), which costs little
/// next to stemming.
public final class Stemmer: Sendable {
    /// Words longer than this (in UTF-8 bytes) are not stemmed: no word of either language is that long,
    /// and a feed's run of letters without spaces must neither cost a long stem nor fill the cache.
    static let longestStemmedWord = 100
    /// Distinct words kept in the cache; when it is full it is emptied, which is cheap and keeps the
    /// vocabulary of the current items, as words repeat within a few items.
    static let cacheCapacity = 50_000

    /// The language whose algorithm this stemmer runs.
    public let language: Language
    private let state: Mutex<State>

    /// The libstemmer object with the cache of folded stems, owned together under one lock.
    private struct State: ~Copyable {
        let handle: OpaquePointer
        var cache: [String: String] = [:]

        init(_ handle: OpaquePointer) {
            self.handle = handle
        }

        deinit {
            sb_stemmer_delete(handle)
        }

        func stem(_ word: String) -> String {
            guard !word.isEmpty, word.utf8.count <= Stemmer.longestStemmedWord else { return word }
            var word = word
            return word.withUTF8 { bytes in
                // NULL only when libstemmer runs out of memory: the word is then left as it is.
                guard let stemmed = sb_stemmer_stem(handle, bytes.baseAddress, Int32(bytes.count)) else {
                    return String(decoding: bytes, as: UTF8.self)
                }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
            }
        }

        mutating func key(_ caseFolded: String, cached: Bool) -> String {
            if cached, let key = cache[caseFolded] { return key }
            let key = TextFolding.fold(stem(caseFolded))
            if cached {
                if cache.count >= Stemmer.cacheCapacity { cache.removeAll(keepingCapacity: true) }
                cache[caseFolded] = key
            }
            return key
        }
    }

    /// Creates the stemmer of `language`. libstemmer always has both algorithms; failing to create one
    /// means memory ran out, which stops the process as any failed allocation does.
    public init(language: Language) {
        guard let handle = sb_stemmer_new(language.snowballAlgorithm, "UTF_8") else {
            preconditionFailure("libstemmer could not create its \(language.snowballAlgorithm) stemmer")
        }
        self.language = language
        state = Mutex(State(handle))
    }

    /// Snowball's stem of `word`, exactly as libstemmer gives it (accents kept, no cache). `word` must be
    /// lowercase with its accents, as ``TextFolding/caseFold(_:)`` gives it; uppercase input gives garbage.
    public func stem(_ word: String) -> String {
        state.withLock { $0.stem(word) }
    }

    /// The matching key of a case-folded word: its stem, folded ("augmentée" gives "augment"). Cached.
    public func key(_ caseFolded: String) -> String {
        state.withLock { $0.key(caseFolded, cached: true) }
    }

    /// The keys of several words under one lock; `cached: false` for words that rarely repeat (joined
    /// pairs of tokens), so that they do not push the vocabulary out of the cache.
    func keys(_ words: [String], cached: Bool) -> [String] {
        state.withLock { state in words.map { state.key($0, cached: cached) } }
    }
}
