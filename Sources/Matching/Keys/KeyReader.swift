import Synchronization
import TextNormalization

/// Reads an item's texts into the key ids of a ``KeyVocabulary``, remembering what each distinct word and
/// each adjacent pair of words gave, so that a word is folded, stemmed and looked up once however often
/// the items repeat it (news vocabulary is small and follows Zipf's law).
///
/// Texts are read by a ``WordStream`` into the numbers of a ``WordLexicon``: the tokens
/// ``Tokenizer/tokens(_:)`` gives, without a string per word. The ids are exactly those of the keys
/// ``MatchKeys`` gives (0 for a key no term uses): a word's folded text, whether it is letters only, and so
/// its stem, follow from its number; a pair's from its two numbers. The caches are bounded: when the words
/// pass ``wordCapacity`` all but the first ``keptWords`` are forgotten before the next item, and the pairs,
/// known by word numbers, are emptied; a full pair table is emptied on its own. The current items'
/// vocabulary soon refills them.
///
/// A reader is not shared: a ``KeyReaderPool`` lends each task its own, with its own stemmers.
final class KeyReader: Sendable {
    /// Distinct words remembered past the end of an item; a word's number indexes the per-form ids. A
    /// word costs some 200 bytes with its ids and pairs, so a reader's caches stay near 10 MB: 150,000
    /// words, which the benchmark's news in two languages fills less often, cost 40 MB more at peak for
    /// two readers without a clear gain in CPU on a loaded machine.
    static let wordCapacity = 50_000
    /// Words kept when the others are forgotten: the first read, which are mostly the commonest (function
    /// words, a feed's recurring names), so that they are not folded and stemmed again right away.
    static let keptWords = 16_384
    /// Distinct pairs remembered; pairs repeat less than words, and one entry is small. A table of 2 MB per
    /// form misses the caches less often than one of 8 MB (200,000 pairs), whose misses cost more than the
    /// pairs it kept in addition saved (bench_match at 50,000 terms: 13.4 → 11.5 CPU s).
    static let pairCapacity = 65_536

    private let state: Mutex<State>

    /// One form's ids of a text: `0` where no term uses the key.
    struct Keys: Equatable {
        var keys: [Int32]
        var joinedKeys: [Int32]
    }

    /// One text of an item as read: its tokens, their folded texts when asked for, and their keys in each form.
    struct Text {
        var words: [StreamWord]
        /// ``Token/text`` of each token, for prefix edges; empty unless asked for.
        var folded: [String]
        var readings: [(form: KeyForm, keys: Keys)]
        /// The first tokens' folded texts, as many as asked for, for the item's near-duplicate fingerprint.
        var firstWords: FoldedWords?
    }

    init() {
        state = Mutex(State())
    }

    /// Reads one item's `texts`: guesses the language from the first ``Language/guessedTokens`` tokens of
    /// the texts `prose` marks, in order, then keys every text in each of the forms `forms` gives for
    /// that guess. With `folded`, each ``Text`` also has its tokens' folded texts; text `i` has the folded
    /// texts of its first `firstWords[i]` tokens as ``Text/firstWords`` when that count is positive.
    func read(
        _ texts: [String], prose: [Bool], folded: Bool, firstWords: [Int] = [], vocabulary: KeyVocabulary,
        forms: (Language?) -> [KeyForm]
    ) -> (guessed: Language?, texts: [Text]) {
        state.withLock {
            $0.read(texts, prose: prose, folded: folded, firstWords: firstWords, vocabulary: vocabulary, forms: forms)
        }
    }

    /// The keys of `text` alone in `form`, for tests.
    func keys(_ text: String, form: KeyForm, vocabulary: KeyVocabulary) -> Keys {
        read([text], prose: [false], folded: false, vocabulary: vocabulary) { _ in [form] }.texts[0].readings[0].keys
    }

    /// The number of distinct words and pairs remembered, for tests of the bounds.
    var remembered: (words: Int, pairs: Int) {
        state.withLock { ($0.lexicon.count, $0.pairCount) }
    }

    /// What a word gives in each form (by ``KeyForm/slot``): its id, `0` for none, `-1` until it is read
    /// in that form; and in a stemmed form, where it leads in the form's ``StemStarts``
    /// (``StemStarts/reached`` for a word the test does not apply to). Then what every pair asks of its two
    /// words, kept here so that a pair does not copy (and retain) both words' lexicon entries.
    /// Stored field by field: 28 bytes, where arrays of ids per form cost a cache miss each.
    struct WordRecord {
        private var ids: (Int32, Int32, Int32) = (-1, -1, -1)
        private var starts: (Int32, Int32, Int32) = (StemStarts.reached, StemStarts.reached, StemStarts.reached)
        let lettersOnly: Bool
        let plainLatin: Bool
        /// ``StemEndings/longestEnding(ofWord:)`` of the word as the second of a pair: ``unknownEnding``
        /// until a pair asks, ``endingRunsOn`` for nil. In the record's padding.
        var ending: Int8 = WordRecord.unknownEnding
        static let unknownEnding: Int8 = -2
        static let endingRunsOn: Int8 = -1

        init(lettersOnly: Bool, plainLatin: Bool) {
            self.lettersOnly = lettersOnly
            self.plainLatin = plainLatin
        }

        @inline(__always)
        func id(_ slot: Int) -> Int32 {
            switch slot {
            case 0: ids.0
            case 1: ids.1
            default: ids.2
            }
        }

        @inline(__always)
        func start(_ slot: Int) -> Int32 {
            switch slot {
            case 0: starts.0
            case 1: starts.1
            default: starts.2
            }
        }

        mutating func set(_ slot: Int, id: Int32, start: Int32?) {
            switch slot {
            case 0: ids.0 = id
            case 1: ids.1 = id
            default: ids.2 = id
            }
            guard let start else { return }
            switch slot {
            case 0: starts.0 = start
            case 1: starts.1 = start
            default: starts.2 = start
            }
        }
    }

    private struct State: ~Copyable {
        var lexicon = WordLexicon()
        var stream = WordStream()
        /// Per word number: what the word gives in each form, and its flags, together in one record, so
        /// that a word costs one cache miss however many forms read it.
        var records: [WordRecord] = []
        /// Per form slot: (first word number, second word number) → the id of the pair read as one word.
        var pairs = (0..<KeyForm.slotCount).map { _ in PairTable(capacity: KeyReader.pairCapacity) }
        /// The stemmers of words and pairs, which read bytes; used under the reader's lock only.
        var byteStemmers: [Language: ByteStemmer] = [:]
        /// Two words' case-folded bytes joined, reused from pair to pair.
        var joinedBytes: [UInt8] = []
        /// Per pair of a text: its key in the pair table, or ``noPair`` when it is no term's key.
        var pending: [UInt64] = []
        /// What touching the pair table's slots read, kept so that the reads are not optimised away.
        var touched: UInt64 = 0
        /// A pair key no pair has: word numbers are below 2³¹.
        static let noPair = UInt64.max

        var pairCount: Int { pairs.reduce(0) { $0 + $1.count } }

        mutating func read(
            _ texts: [String], prose: [Bool], folded: Bool, firstWords: [Int], vocabulary: KeyVocabulary,
            forms: (Language?) -> [KeyForm]
        ) -> (guessed: Language?, texts: [Text]) {
            // Emptied between items only, so that the numbers of one item's words stay valid together.
            if lexicon.count > KeyReader.wordCapacity { forgetWords() }
            var read: [Text] = []
            read.reserveCapacity(texts.count)
            var tally = Language.GuessTally(), guessed = 0
            for (text, isProse) in zip(texts, prose) {
                var words: [StreamWord] = []
                stream.read(text, lexicon: &lexicon, into: &words)
                if isProse {
                    for word in words.prefix(Language.guessedTokens - guessed) {
                        tally.add(lexicon.traits(word.number).vote, elided: word.elided)
                    }
                    guessed = min(guessed + words.count, Language.guessedTokens)
                }
                let wanted = read.count < firstWords.count ? firstWords[read.count] : 0
                read.append(Text(
                    words: words, folded: folded ? words.map { lexicon.text($0.number) } : [], readings: [],
                    firstWords: wanted > 0 ? foldedWords(words.prefix(wanted)) : nil))
            }
            for number in records.count..<lexicon.count {
                let traits = lexicon.traits(Int32(number))
                records.append(WordRecord(lettersOnly: traits.contains(.lettersOnly), plainLatin: traits.contains(.plainLatin)))
            }
            let language = tally.language
            let wanted = forms(language)
            for index in read.indices where !read[index].words.isEmpty {
                read[index].readings = wanted.map { form in (form, keys(read[index].words, form: form, vocabulary: vocabulary)) }
            }
            return (language, read)
        }

        private mutating func keys(_ words: [StreamWord], form: KeyForm, vocabulary: KeyVocabulary) -> Keys {
            let slot = form.slot
            let starts = vocabulary.stemStarts(form)
            let prefixes = vocabulary.keyPrefixes(form)
            let endings = StemEndings.snowball
            // A folded pair's key is its words' folded texts joined, whatever they hold; a stem is tested
            // only where Snowball changes the end of a word alone (see ``StemStarts``).
            // Found once per text: a word or pair not read before is stemmed at once.
            let stemmer = form.language.map { byteStemmer($0) }
            let stemmed = stemmer != nil
            var keys: [Int32] = []
            keys.reserveCapacity(words.count)
            for word in words {
                let number = Int(word.number)
                var id = records[number].id(slot)
                if id < 0 {
                    let traits = lexicon.traits(word.number)
                    let letters = traits.contains(.lettersOnly)
                    let text = lexicon.text(word.number)
                    let tested = !stemmed || (letters && traits.contains(.plainLatin))
                    let start = tested ? starts.node(after: text) : nil
                    // A plain word stems to a start of its folded text and a letter or two more (see
                    // ``StemStarts``): unless one of the keys' starts begins it, it stems to no key, and is not stemmed.
                    if stemmed, let start, start != StemStarts.reached {
                        id = 0
                    } else if let stemmer, letters {
                        var caseFolded = lexicon.caseFolded(word.number)
                        id = caseFolded.withUTF8 { stemmedId(of: $0, stemmer: stemmer, form: form, vocabulary: vocabulary) }
                    } else {
                        id = vocabulary.id(text, form: form) ?? 0
                    }
                    records[number].set(slot, id: id, start: start)
                }
                keys.append(id)
            }
            // The pairs the table is asked about, found first and their slots touched together: the table
            // is larger than the caches, and loads that do not wait for one another overlap their misses.
            pending.removeAll(keepingCapacity: true)
            var touched: UInt64 = 0
            // Read through a copy that ends with the loop, before the table is written to.
            do {
                let table = pairs[slot]
                for index in words.indices.dropLast() {
                    let (first, second) = (words[index].number, words[index + 1].number)
                    let (firstRecord, secondRecord) = (records[Int(first)], records[Int(second)])
                    let letters = firstRecord.lettersOnly && secondRecord.lettersOnly
                    // Most pairs are no term's word: the start of their key shows it without stemming or joining
                    // them, or remembering them.
                    if !stemmed || (letters && secondRecord.plainLatin),
                        !mayStart(from: firstRecord.start(slot), with: second, in: starts) {
                        pending.append(Self.noPair)
                        continue
                    }
                    // Many pairs that begin like a key are far longer than it ("de" + "laboratoires" and "del"):
                    // unless a stem ending leaves the keys' paths, they stem to none.
                    if stemmed, letters, firstRecord.plainLatin, secondRecord.plainLatin,
                        case let ending = ending(of: second, endings: endings),
                        !mayStem(joining: first, second, endingOfSecond: ending, prefixes: prefixes, endings: endings) {
                        pending.append(Self.noPair)
                        continue
                    }
                    let pair = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
                    if stemmed { touched ^= table.touch(pair) }
                    pending.append(pair)
                }
            }
            self.touched = touched
            var joined: [Int32] = []
            joined.reserveCapacity(max(words.count - 1, 0))
            for index in words.indices.dropLast() {
                let pair = pending[index]
                if pair == Self.noPair {
                    joined.append(0)
                    continue
                }
                let (first, second) = (words[index].number, words[index + 1].number)
                guard stemmed else {
                    // The folded test is exact: the pair is a key, and pairs that pass are too few to remember.
                    joined.append(vocabulary.id(lexicon.text(first) + lexicon.text(second), form: form) ?? 0)
                    continue
                }
                let letters = records[Int(first)].lettersOnly && records[Int(second)].lettersOnly
                if let id = pairs[slot].value(pair) {
                    joined.append(id)
                    continue
                }
                let id: Int32
                if let stemmer, letters {
                    id = stemmedPairId(
                        lexicon.caseFolded(first), lexicon.caseFolded(second), stemmer: stemmer, form: form, vocabulary: vocabulary)
                } else {
                    id = vocabulary.id(lexicon.text(first) + lexicon.text(second), form: form) ?? 0
                }
                pairs[slot].insert(pair, id)
                joined.append(id)
            }
            return Keys(keys: keys, joinedKeys: joined)
        }

        /// Whether a start of `starts` begins the first word of a pair, which led to `node`, followed by word
        /// `second` (see ``StemStarts/mayStart(from:with:)``); an ASCII word is read from its bytes in the
        /// lexicon, without a copy of its entry.
        @inline(__always)
        private func mayStart(from node: Int32, with second: Int32, in starts: StemStarts) -> Bool {
            if node == StemStarts.dead { return false }
            if node == StemStarts.reached { return true }
            guard lexicon.traits(second).contains(.keyIsText) else { return starts.mayStart(from: node, with: lexicon.text(second)) }
            return lexicon.withKey(of: second) { starts.mayStart(from: node, withBytes: $0) }
        }

        /// Whether words `first` and `second`, plain letters, joined may stem to a key that `prefixes` holds
        /// the starts of (``StemEndings``); `endingOfSecond` is ``ending(of:endings:)`` of `second`.
        private func mayStem(
            joining first: Int32, _ second: Int32, endingOfSecond: Int?, prefixes: KeyPrefixes, endings: StemEndings
        ) -> Bool {
            withFoldedBytes(of: first) { first in
                withFoldedBytes(of: second) { second in
                    let needed = endings.keyPathNeeded(first, second, endingOfSecond: endingOfSecond)
                    return needed <= 0 || prefixes.mayBegin(first, second, count: needed)
                }
            }
        }

        /// ``StemEndings/longestEnding(ofWord:)`` of word `number`, found once per word: most pairs end with a
        /// word read in many pairs before.
        @inline(__always)
        private mutating func ending(of number: Int32, endings: StemEndings) -> Int? {
            var ending = records[Int(number)].ending
            if ending == WordRecord.unknownEnding {
                let alone = withFoldedBytes(of: number) { endings.longestEnding(ofWord: $0) }
                ending = alone.map { Int8($0) } ?? WordRecord.endingRunsOn
                records[Int(number)].ending = ending
            }
            return ending == WordRecord.endingRunsOn ? nil : Int(ending)
        }

        private func foldedWords(_ words: ArraySlice<StreamWord>) -> FoldedWords {
            var folded = FoldedWords(reservingWords: words.count)
            for word in words { withFoldedBytes(of: word.number) { folded.append($0) } }
            return folded
        }

        /// Calls `body` with the UTF-8 bytes of word `number`'s folded text.
        @inline(__always)
        private func withFoldedBytes<Result>(of number: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            if lexicon.traits(number).contains(.keyIsText) { return lexicon.withKey(of: number, body) }
            var text = lexicon.text(number)
            return text.withUTF8(body)
        }

        /// The id of the folded stem of two letter words joined, as ``stemmedId(of:stemmer:form:vocabulary:)``.
        private mutating func stemmedPairId(
            _ left: String, _ right: String, stemmer: ByteStemmer, form: KeyForm, vocabulary: KeyVocabulary
        ) -> Int32 {
            joinedBytes.removeAll(keepingCapacity: true)
            joinedBytes.append(contentsOf: left.utf8)
            joinedBytes.append(contentsOf: right.utf8)
            return joinedBytes.withUnsafeBufferPointer { stemmedId(of: $0, stemmer: stemmer, form: form, vocabulary: vocabulary) }
        }

        /// The id of the key of a letter word in a stemmed form (its case-folded UTF-8 `caseFolded`): its
        /// stem, folded. Stemmed from bytes and looked up by bytes when the stem is ASCII (which folding
        /// only lowercases), as nearly every stem is: most words and pairs are stemmed once, and making
        /// strings of them and their stems cost more than stemming them.
        private func stemmedId(
            of caseFolded: UnsafeBufferPointer<UInt8>, stemmer: ByteStemmer, form: KeyForm, vocabulary: KeyVocabulary
        ) -> Int32 {
            stemmer.withStem(of: caseFolded) { stem in
                guard stem.allSatisfy({ $0 < 0x80 }) else {
                    return vocabulary.id(TextFolding.fold(String(decoding: stem, as: UTF8.self)), form: form) ?? 0
                }
                guard stem.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return vocabulary.id(bytes: stem, form: form) ?? 0 }
                let lowered = stem.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
                return lowered.withUnsafeBufferPointer { vocabulary.id(bytes: $0, form: form) ?? 0 }
            }
        }

        private mutating func byteStemmer(_ language: Language) -> ByteStemmer {
            if let stemmer = byteStemmers[language] { return stemmer }
            let stemmer = ByteStemmer(language: language)
            byteStemmers[language] = stemmer
            return stemmer
        }

        /// Forgets every word but the first ``keptWords``, and the pairs.
        private mutating func forgetWords() {
            lexicon.removeAll(keepingFirst: KeyReader.keptWords)
            records.removeSubrange(min(KeyReader.keptWords, records.count)...)
            for slot in pairs.indices { pairs[slot].removeAll() }
        }
    }
}
