import CStemmer

/// A Snowball stemmer that reads and gives UTF-8 bytes, without a lock nor a cache: for an owner that
/// already serialises its use (a key reader, under its own lock) and stems words it mostly sees once, the
/// joined pairs of adjacent words, where making strings of the word and its stem cost more than stemming.
///
/// It stems as ``Stemmer/stem(_:)`` does, from the same case-folded input, and is not thread-safe.
// @unchecked: not thread-safe by itself; its owner (a key reader's state) is reached under a lock only.
package final class ByteStemmer: @unchecked Sendable {
    private let handle: OpaquePointer

    /// The stemmer of `language`; as ``Stemmer/init(language:)``, failing means memory ran out.
    package init(language: Language) {
        guard let handle = sb_stemmer_new(language.snowballAlgorithm, "UTF_8") else {
            preconditionFailure("libstemmer could not create its \(language.snowballAlgorithm) stemmer")
        }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// Calls `body` with the bytes of ``Stemmer/stem(_:)`` of the word whose UTF-8 bytes are `word`: the
    /// word itself when it is empty or longer than ``Stemmer/longestStemmedWord``. The bytes are valid
    /// only inside `body`.
    package func withStem<Result>(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard !word.isEmpty, word.count <= Stemmer.longestStemmedWord,
            let stemmed = sb_stemmer_stem(handle, word.baseAddress, Int32(word.count)) else { return body(word) }
        return body(UnsafeBufferPointer(start: stemmed, count: Int(sb_stemmer_length(handle))))
    }
}
