/// The first words of a text as a reader that read the whole text gives them: each word's folded UTF-8
/// (``Token/text``), one after the other. A matcher that has just read an item hands them to the item's
/// ``NearDuplicateFingerprint`` as ``FingerprintPart/words(_:)``, so that its texts are not tokenised a
/// second time.
package struct FoldedWords: Sendable, Equatable {
    /// Word `n`'s bytes are `bytes[starts[n]..<starts[n + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]

    /// Room for `words` words of about eight bytes each.
    package init(reservingWords words: Int = 0) {
        bytes.reserveCapacity(words * 8)
        starts.reserveCapacity(words + 1)
    }

    /// The number of words held.
    package var count: Int { starts.count - 1 }

    /// Adds a word: the UTF-8 of its folded text.
    package mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
    }
}

/// One text of an item, as a fingerprint reads it: the text itself, or its words when a reader of the whole
/// text already has them and they are the ones the fingerprint would read (``NearDuplicateFingerprint/readsWhole(_:)``).
package enum FingerprintPart: Sendable {
    case text(String?)
    case words(FoldedWords)
}
