import Synchronization

/// Reads the hashes a ``NearDuplicateFingerprint`` is made of: the title's words and the body's
/// shingles, exactly as hashing the ``Token/text``s of ``Tokenizer/tokens(_:)`` gives them.
///
/// Texts are read by a ``WordStream`` into the numbers of a ``WordLexicon``; each word's folded UTF-8
/// bytes and its hash alone are kept by number, so that a word the items repeat is folded and hashed once,
/// and a shingle is hashed over those bytes without a string. The words are bounded: past
/// ``wordCapacity`` they are forgotten before the next item.
///
/// A reader is not shared: a ``FingerprintReaderPool`` lends each task its own.
final class FingerprintReader: Sendable {
    /// Distinct words remembered past the end of an item.
    static let wordCapacity = 20_000

    private let state = Mutex(State())

    /// The hashes of `title`'s first `titleWordLimit` words, and of the shingles of the first `bodyWordLimit`
    /// words of `summary` then `content` (shingles do not span the two), each text cut to `characterLimit`
    /// scalars before it is read; in text order, with repeats.
    /// A part given as ``FingerprintPart/words(_:)`` is hashed from those words, which were read in full:
    /// the first of them stand for the words a cut read would give.
    func hashes(
        title: FingerprintPart, summary: FingerprintPart, content: FingerprintPart, titleWordLimit: Int, bodyWordLimit: Int,
        characterLimit: Int
    ) -> (titleWords: [UInt32], shingles: [UInt32]) {
        state.withLock {
            $0.hashes(
                title: title, summary: summary, content: content, titleWordLimit: titleWordLimit,
                bodyWordLimit: bodyWordLimit, characterLimit: characterLimit)
        }
    }

    private struct State: ~Copyable {
        var lexicon = WordLexicon()
        var stream = WordStream()
        var words: [StreamWord] = []
        /// The folded text of word `n` as UTF-8, from `starts[n]` to `starts[n + 1]`.
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        /// The hash of word `n` alone, as a title word.
        var wordHashes: [UInt32] = []
        /// FNV-1a's state after word `n`'s bytes: where the hash of every shingle that begins with it goes on.
        var wordStates: [UInt64] = []

        mutating func hashes(
            title: FingerprintPart, summary: FingerprintPart, content: FingerprintPart, titleWordLimit: Int, bodyWordLimit: Int,
            characterLimit: Int
        ) -> (titleWords: [UInt32], shingles: [UInt32]) {
            // Emptied between items only, so that the numbers of one item's words stay valid together.
            if lexicon.count > FingerprintReader.wordCapacity { forgetWords() }
            var shingles: [UInt32] = []
            var remaining = bodyWordLimit
            for part in [summary, content] where remaining > 0 {
                switch part {
                case .text(nil): continue
                case .text(let text?):
                    read(text, characterLimit: characterLimit, wordLimit: remaining)
                    remaining -= words.count
                    appendShingles(ofFirst: words.count, to: &shingles)
                case .words(let read):
                    let count = min(read.count, remaining)
                    remaining -= count
                    Self.appendShingles(ofFirst: count, of: read, to: &shingles)
                }
            }
            var titleWords: [UInt32] = []
            switch title {
            case .text(nil): break
            case .text(let title?):
                read(title, characterLimit: characterLimit, wordLimit: titleWordLimit)
                titleWords = words.map { wordHashes[Int($0.number)] }
            case .words(let read):
                titleWords = Self.wordStates(ofFirst: min(read.count, titleWordLimit), of: read).map(Self.hash32)
            }
            return (titleWords, shingles)
        }

        private mutating func read(_ text: String, characterLimit: Int, wordLimit: Int) {
            stream.read(text, scalarLimit: characterLimit, tokenLimit: wordLimit, lexicon: &lexicon, into: &words)
            while wordHashes.count < lexicon.count {
                let start = bytes.count
                bytes.append(contentsOf: lexicon[Int32(wordHashes.count)].text.utf8)
                starts.append(bytes.count)
                var hash = StableHash.basis
                for index in start..<bytes.count { hash = StableHash.step(hash, bytes[index]) }
                wordStates.append(hash)
                wordHashes.append(Self.hash32(hash))
            }
        }

        /// Hashes each run of ``NearDuplicateFingerprint/shingleSize`` words among the `count` read.
        private func appendShingles(ofFirst count: Int, to shingles: inout [UInt32]) {
            bytes.withUnsafeBufferPointer { bytes in
                starts.withUnsafeBufferPointer { starts in
                    words.withUnsafeBufferPointer { words in
                        Self.appendShingles(
                            ofFirst: count, bytes: bytes, starts: starts, slot: { Int(words[$0].number) },
                            state: { wordStates[$0] }, to: &shingles)
                    }
                }
            }
        }

        /// Hashes each run of ``NearDuplicateFingerprint/shingleSize`` words among the first `count` of `read`.
        private static func appendShingles(ofFirst count: Int, of read: FoldedWords, to shingles: inout [UInt32]) {
            // Only a shingle's first word is read from its state.
            let states = wordStates(ofFirst: max(0, count - NearDuplicateFingerprint.shingleSize + 1), of: read)
            read.bytes.withUnsafeBufferPointer { bytes in
                read.starts.withUnsafeBufferPointer { starts in
                    appendShingles(
                        ofFirst: count, bytes: bytes, starts: starts, slot: { $0 }, state: { states[$0] }, to: &shingles)
                }
            }
        }

        /// Hashes each run of ``NearDuplicateFingerprint/shingleSize`` words among the first `count`, as
        /// ``StableHash/words(_:)`` hashes their texts. The word at position `p` is word `slot(p)` of `bytes`
        /// (from `starts[slot(p)]` to the next start), and FNV-1a's state after it alone is `state(slot(p))`,
        /// so that the first word of a shingle is not hashed again.
        @inline(__always)
        private static func appendShingles(
            ofFirst count: Int, bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>, slot: (Int) -> Int,
            state: (Int) -> UInt64, to shingles: inout [UInt32]
        ) {
            let size = NearDuplicateFingerprint.shingleSize
            guard count >= size else { return }
            shingles.reserveCapacity(shingles.count + count - size + 1)
            for first in 0...(count - size) {
                var hash = state(slot(first))
                for position in (first + 1)..<(first + size) {
                    hash = StableHash.step(hash, StableHash.separator)
                    let word = slot(position)
                    for index in starts[word]..<starts[word + 1] { hash = StableHash.step(hash, bytes[index]) }
                }
                shingles.append(hash32(hash))
            }
        }

        /// FNV-1a's state after each of the first `count` words of `read` alone.
        private static func wordStates(ofFirst count: Int, of read: FoldedWords) -> [UInt64] {
            read.bytes.withUnsafeBufferPointer { bytes in
                (0..<count).map { word in
                    var hash = StableHash.basis
                    for index in read.starts[word]..<read.starts[word + 1] { hash = StableHash.step(hash, bytes[index]) }
                    return hash
                }
            }
        }

        private mutating func forgetWords() {
            lexicon.removeAll()
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            starts.append(0)
            wordHashes.removeAll(keepingCapacity: true)
            wordStates.removeAll(keepingCapacity: true)
        }

        private static func hash32(_ hash: UInt64) -> UInt32 {
            UInt32(truncatingIfNeeded: StableHash.mix(hash) >> 32)
        }
    }
}
