import Synchronization
import TextNormalization

/// Turns one text's tokens into the key ids of a ``KeyVocabulary``, in one form, remembering what each
/// distinct word and each adjacent pair of words gave, so that a word is folded, stemmed and looked up once
/// however often the items repeat it (news vocabulary is small and follows Zipf's law).
///
/// It gives exactly the ids of the keys ``MatchKeys`` gives (0 for a key no term uses): a word is known by
/// its ``Token/caseFolded`` form, from which its folded text, whether it is letters only, and so its stem,
/// all follow; a pair by its two words. Both caches are bounded: when one is full it is emptied, which is
/// cheap and soon refills with the current items' vocabulary.
///
/// A reader is not shared: a ``KeyReaderPool`` lends each task its own, with its own stemmers.
final class KeyReader: Sendable {
    /// Distinct words remembered; a word's number indexes the per-form ids.
    static let wordCapacity = 50_000
    /// Distinct pairs remembered; pairs repeat less than words, and one entry is small.
    static let pairCapacity = 200_000

    private let state: Mutex<State>

    /// One form's ids of a text: `0` where no term uses the key.
    struct Keys: Equatable {
        var keys: [Int32]
        var joinedKeys: [Int32]
    }

    init() {
        state = Mutex(State())
    }

    /// The key ids of `tokens` (one text's tokens, in order) in `form`.
    func keys(_ tokens: [Token], form: KeyForm, vocabulary: KeyVocabulary) -> Keys {
        state.withLock { $0.keys(tokens, form: form, vocabulary: vocabulary) }
    }

    /// The number of distinct words and pairs remembered, for tests of the bounds.
    var remembered: (words: Int, pairs: Int) {
        state.withLock { ($0.words.count, $0.pairCount) }
    }

    private struct State: ~Copyable {
        /// Words (case-folded), numbered.
        var words = WordTable(capacity: KeyReader.wordCapacity)
        /// Per word number: its folded text and whether it is letters only.
        var entries: [WordEntry] = []
        /// Per form slot, per word number: the id, `0` for none, `-1` when not read yet.
        var wordIds: [[Int32]] = Array(repeating: [], count: KeyForm.slotCount)
        /// Per form slot: (first word number, second word number) → the id of the pair read as one word.
        var pairs = (0..<KeyForm.slotCount).map { _ in PairTable(capacity: KeyReader.pairCapacity) }
        var stemmers: [Language: Stemmer] = [:]

        var pairCount: Int { pairs.reduce(0) { $0 + $1.count } }

        mutating func keys(_ tokens: [Token], form: KeyForm, vocabulary: KeyVocabulary) -> Keys {
            // Emptied before a text whose words might not all fit, so that one text's numbers stay valid
            // together; a text with more distinct words than that is read without the caches.
            if words.count + tokens.count > KeyReader.wordCapacity { forgetWords() }
            var numbers: [Int32] = []
            numbers.reserveCapacity(tokens.count)
            for token in tokens {
                guard let number = number(of: token) else { return uncachedKeys(tokens, form: form, vocabulary: vocabulary) }
                numbers.append(number)
            }
            let slot = form.slot
            var keys: [Int32] = []
            keys.reserveCapacity(tokens.count)
            for number in numbers {
                var id = wordIds[slot][Int(number)]
                if id < 0 {
                    let entry = entries[Int(number)]
                    let key = key(caseFolded: words.words[Int(number)], text: entry.text, letters: entry.isLettersOnly, form: form)
                    id = vocabulary.id(key, form: form) ?? 0
                    wordIds[slot][Int(number)] = id
                }
                keys.append(id)
            }
            var joined: [Int32] = []
            joined.reserveCapacity(max(tokens.count - 1, 0))
            for index in numbers.indices.dropLast() {
                let (first, second) = (Int(numbers[index]), Int(numbers[index + 1]))
                let pair = UInt64(first) << 32 | UInt64(second)
                if let id = pairs[slot].value(pair) {
                    joined.append(id)
                    continue
                }
                let key = key(
                    caseFolded: words.words[first] + words.words[second], text: entries[first].text + entries[second].text,
                    letters: entries[first].isLettersOnly && entries[second].isLettersOnly, form: form)
                let id = vocabulary.id(key, form: form) ?? 0
                pairs[slot].insert(pair, id)
                joined.append(id)
            }
            return Keys(keys: keys, joinedKeys: joined)
        }

        /// The keys of a text read word by word and pair by pair, remembering nothing.
        private mutating func uncachedKeys(_ tokens: [Token], form: KeyForm, vocabulary: KeyVocabulary) -> Keys {
            let letters = tokens.map { MatchKeys.isLettersOnly($0.caseFolded) }
            let keys = tokens.indices.map { index in
                vocabulary.id(key(caseFolded: tokens[index].caseFolded, text: tokens[index].text, letters: letters[index], form: form), form: form) ?? 0
            }
            let joined = tokens.indices.dropLast().map { index in
                let key = key(
                    caseFolded: tokens[index].caseFolded + tokens[index + 1].caseFolded, text: tokens[index].text + tokens[index + 1].text,
                    letters: letters[index] && letters[index + 1], form: form)
                return vocabulary.id(key, form: form) ?? 0
            }
            return Keys(keys: keys, joinedKeys: joined)
        }

        /// Forgets every word, and the pairs, which are known by word numbers.
        private mutating func forgetWords() {
            words.removeAll()
            entries.removeAll(keepingCapacity: true)
            for slot in wordIds.indices { wordIds[slot].removeAll(keepingCapacity: true) }
            for slot in pairs.indices { pairs[slot].removeAll() }
        }

        /// The number of the token's word, remembering it first if it is new; `nil` when the table is full.
        private mutating func number(of token: Token) -> Int32? {
            let count = words.count
            guard let number = words.number(of: token.caseFolded) else { return nil }
            if words.count > count {
                entries.append(WordEntry(token))
                for slot in wordIds.indices { wordIds[slot].append(-1) }
            }
            return number
        }

        /// The key of a word in `form`: its folded text, or its folded stem when it is letters only.
        private mutating func key(caseFolded: String, text: String, letters: Bool, form: KeyForm) -> String {
            guard let language = form.language, letters else { return text }
            let stemmer = stemmers[language] ?? {
                let stemmer = Stemmer(language: language)
                stemmers[language] = stemmer
                return stemmer
            }()
            return TextFolding.fold(stemmer.stem(caseFolded))
        }
    }

    private struct WordEntry {
        var text: String
        var isLettersOnly: Bool

        init(_ token: Token) {
            text = token.text
            isLettersOnly = MatchKeys.isLettersOnly(token.caseFolded)
        }
    }
}
