import Model
import TextNormalization

/// Everything the compiled terms found in one item: per unit and per regular expression, the hits in
/// each field, where each unit was found, and the terms those hits concern, by profile.
///
/// The item's language is guessed from its title and the start of its text (``Language/guess(_:)``); a
/// stemmed unit is compared by the item's stems in that language, or, when the guess gives nothing, in the
/// language of the profile the unit was written for. So an English item is stemmed in English even for a
/// French profile, and a short title is stemmed in the profile's language.
///
/// Hits are kept in flat arrays sorted by unit and looked up by binary search: an item hits some hundreds
/// of units at most, and a dictionary per unit, with an array of occurrences each, cost a hash and an
/// allocation per hit.
struct ItemHits {
    /// The units hit, increasing; `unitCounts[i]` and `unitOccurrences[i]` are those of `hitUnits[i]`.
    private var hitUnits: [Int] = []
    private var unitCounts: [FieldCounts] = []
    /// Where each hit unit's occurrences lie in `occurrenceList`, in the order they were found.
    private var unitOccurrences: [Range<Int>] = []
    private var occurrenceList: [Occurrence] = []
    /// The units found while scanning, each beside the occurrence found, in order.
    private var found: [(unit: Int, occurrence: Occurrence)] = []
    var regexes: [Int: FieldCounts] = [:]
    /// The terms (indices, increasing) that use a unit or regular expression that was hit: every other
    /// term has no hit, so evaluating a profile costs its hit terms, not its size. A profile's terms are
    /// numbered together, so each profile's candidates are one run of them.
    private var candidateTerms: [Int] = []
    /// Each profile with candidates, increasing, and where its candidates lie in `candidateTerms`.
    private(set) var candidateProfiles: [(profile: Int, terms: Range<Int>)] = []
    /// The texts read, by field and segment, for the surfaces of occurrences.
    private var texts: [TextPlace: String] = [:]
    /// What reading the root's children ahead of the walks read (``TokenTrie/touchRoot(_:)``), kept so that
    /// the reads are not optimised away.
    private var touched: Int32 = 0
    /// The item's title, summary and content as its near-duplicate fingerprint reads them, when asked for:
    /// their first words from this reading where it gives them, their texts otherwise.
    private(set) var fingerprintParts: (title: FingerprintPart, summary: FingerprintPart, content: FingerprintPart)?

    private struct TextPlace: Hashable {
        var field: ItemField
        var segment: Int
    }

    /// Reads `item` (and the names of `source` when some term searches them) once through `index`, with
    /// `reader`, one of the index's that the caller lends. With `fingerprinting`, keeps what the item's
    /// fingerprint reads (``fingerprintParts``).
    init(_ item: FeedItem, source: Source?, index: borrowing MatcherIndex, reader: KeyReader, fingerprinting: Bool = false) {
        let sourceLabels = (index.searchesSource ? source.map { [$0.name] + $0.tags } : nil) ?? []
        var fields: [(field: ItemField, segment: Int, text: String)] = []
        func add(_ text: String?, _ field: ItemField, segment: Int = 0) {
            guard let text, !text.isEmpty else { return }
            fields.append((field, segment, text))
        }
        add(item.title, .title)
        add(item.summaryText, .summary)
        add(item.contentText, .content)
        for (segment, category) in item.categories.enumerated() { add(category, .categories, segment: segment) }
        for (segment, label) in sourceLabels.enumerated() { add(label, .source, segment: segment) }

        // The guess reads only the first words of the title, then of the start of the text. One reader,
        // with its caches of words already keyed, reads the whole item.
        let prose = fields.map { [.title, .summary, .content].contains($0.field) }
        let fieldTexts = fields.map(\.text)
        // The fingerprint's words of a text it would read cut are not those of the whole text: it reads those itself.
        let firstWords = !fingerprinting ? [] : fields.map { field -> Int in
            guard NearDuplicateFingerprint.readsWhole(field.text) else { return 0 }
            switch field.field {
            case .title: return NearDuplicateFingerprint.titleWordLimit
            case .summary, .content: return NearDuplicateFingerprint.bodyWordLimit
            case .categories, .source: return 0
            }
        }
        let (guess, read) = Self.read(fieldTexts, prose: prose, firstWords: firstWords, index: index, with: reader)
        if fingerprinting {
            func part(_ field: ItemField, _ text: String?) -> FingerprintPart {
                let position = fields.firstIndex { $0.field == field }
                return position.flatMap { read[$0].firstWords }.map(FingerprintPart.words) ?? .text(text)
            }
            fingerprintParts = (part(.title, item.title), part(.summary, item.summaryText), part(.content, item.contentText))
        }
        let guessed = index.stemLanguages.isEmpty ? nil : guess
        var walk = TrieWalk()
        for (entry, read) in zip(fields, read) {
            texts[TextPlace(field: entry.field, segment: entry.segment)] = entry.text
            scan(read, text: entry.text, field: entry.field, segment: entry.segment, guessed: guessed, index: index, walk: &walk)
        }
        gatherUnits()
        var terms: [Int] = []
        for unit in hitUnits {
            for term in index.terms(ofUnit: unit) { terms.append(Int(term)) }
        }
        matchRegexes(item, sourceLabels: sourceLabels, index: index)
        // Through a copy of the one array: a closure that captured the index copied all of it, per item.
        let regexTerms = index.regexTerms
        terms += regexes.keys.map { regexTerms[$0] }
        // Sorted once for all profiles, so that each profile's run comes out increasing and without repeats.
        terms.sort()
        var previous = -1
        for term in terms where term != previous {
            let profile = index.places[term].profile
            if let last = candidateProfiles.last, last.profile == profile {
                candidateProfiles[candidateProfiles.count - 1].terms = last.terms.lowerBound..<(candidateTerms.count + 1)
            } else {
                candidateProfiles.append((profile, candidateTerms.count..<(candidateTerms.count + 1)))
            }
            candidateTerms.append(term)
            previous = term
        }
    }

    /// Reads `texts` with `reader` in the forms `index` compares them in.
    private static func read(
        _ texts: [String], prose: [Bool], firstWords: [Int], index: borrowing MatcherIndex, with reader: KeyReader
    ) -> (guessed: Language?, texts: [KeyReader.Text]) {
        // The closure holds what it needs of the index, not the index, which a closure may copy whole for
        // every item (as the regular expressions' terms' did in `init`).
        let (stemLanguages, readsFolded) = (index.stemLanguages, index.readsFolded)
        return reader.read(
            texts, prose: prose, folded: index.trie.hasPrefixEdges, firstWords: firstWords, vocabulary: index.vocabulary
        ) { guessed in
            let languages = stemLanguages.isEmpty ? [] : guessed.map { [$0] } ?? stemLanguages
            return (readsFolded ? [.folded] : []) + languages.map(KeyForm.stemmed)
        }
    }

    /// Sorts the units found by unit, each unit's occurrences staying in the order they were found, and
    /// counts them per field.
    private mutating func gatherUnits() {
        let order = found.indices.sorted { (found[$0].unit, $0) < (found[$1].unit, $1) }
        occurrenceList.reserveCapacity(order.count)
        for position in order {
            let (unit, occurrence) = found[position]
            if hitUnits.last != unit {
                hitUnits.append(unit)
                unitCounts.append(FieldCounts())
                unitOccurrences.append(occurrenceList.count..<occurrenceList.count)
            }
            unitCounts[unitCounts.count - 1][occurrence.field] += 1
            occurrenceList.append(occurrence)
            unitOccurrences[unitOccurrences.count - 1] = unitOccurrences[unitOccurrences.count - 1].lowerBound..<occurrenceList.count
        }
        found = []
    }

    /// The hits of `unit` per field, nil when it has none.
    func counts(ofUnit unit: Int) -> FieldCounts? {
        place(of: unit).map { unitCounts[$0] }
    }

    /// Where `unit` was found, in the order of the fields and of the words.
    func occurrences(ofUnit unit: Int) -> ArraySlice<Occurrence> {
        guard let place = place(of: unit) else { return [] }
        return occurrenceList[unitOccurrences[place]]
    }

    /// The candidate terms of the profile at `profile`, increasing.
    func candidates(of profile: Int) -> ArraySlice<Int> {
        var (low, high) = (0, candidateProfiles.count)
        while low < high {
            let middle = (low + high) / 2
            if candidateProfiles[middle].profile < profile { low = middle + 1 } else { high = middle }
        }
        guard low < candidateProfiles.count, candidateProfiles[low].profile == profile else { return [] }
        return candidateTerms[candidateProfiles[low].terms]
    }

    /// The candidate terms of a run of ``candidateProfiles``.
    func candidates(in terms: Range<Int>) -> ArraySlice<Int> {
        candidateTerms[terms]
    }

    private func place(of unit: Int) -> Int? {
        var (low, high) = (0, hitUnits.count)
        while low < high {
            let middle = (low + high) / 2
            if hitUnits[middle] < unit { low = middle + 1 } else { high = middle }
        }
        return low < hitUnits.count && hitUnits[low] == unit ? low : nil
    }

    /// The source text of an occurrence, from its first word to its last.
    func surface(of occurrence: Occurrence) -> String? {
        texts[TextPlace(field: occurrence.field, segment: occurrence.segment)].map { String($0[occurrence.range]) }
    }

    /// Walks the trie from every token of one text in each form its keys are read in, and records each unit
    /// found once per start position, with the longest span found there.
    private mutating func scan(
        _ read: KeyReader.Text, text: String, field: ItemField, segment: Int, guessed: Language?, index: MatcherIndex,
        walk: inout TrieWalk
    ) {
        let words = read.words
        guard !words.isEmpty else { return }
        let startsAtRoot = index.trie.hasPrefixEdgesAtRoot
        // The root's children of the text's keys are read together first: with 50,000 terms their table is
        // larger than the caches, and loads that do not wait for one another overlap their misses, where
        // each walk waited for its own.
        var touched: Int32 = 0
        for reading in read.readings {
            for key in reading.keys.keys where key != 0 { touched ^= index.trie.touchRoot(key) }
            for key in reading.keys.joinedKeys where key != 0 { touched ^= index.trie.touchRoot(key) }
        }
        self.touched ^= touched
        // Each reading's walks, word after word, its arrays taken once: a reading taken out of its array for
        // every word retained both of them each time.
        var reached: [(start: Int, unit: Int, end: Int)] = []
        for reading in read.readings {
            let (keys, joined) = (reading.keys.keys, reading.keys.joinedKeys)
            let language = reading.form.language
            for start in words.indices {
                // Most words are no term's: a walk from the root needs the word's key, the pair's it
                // begins, or a prefix edge at the root.
                if !startsAtRoot, keys[start] == 0, start >= joined.count || joined[start] == 0 { continue }
                walk.run(from: start, keys: reading.keys, folded: read.folded, trie: index.trie)
                for (unit, end) in walk.reached {
                    if let language, (guessed ?? index.unitLanguages[unit]) != language { continue }
                    reached.append((start, unit, end))
                }
            }
        }
        // By word, then in the order the readings found them; a unit reached from one word in several
        // readings is one occurrence, to the furthest end.
        if read.readings.count > 1 {
            reached = reached.enumerated()
                .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
                .map(\.element)
        }
        var found: [(unit: Int, end: Int)] = []
        var position = 0
        while position < reached.count {
            let start = reached[position].start
            found.removeAll(keepingCapacity: true)
            while position < reached.count, reached[position].start == start {
                let (unit, end) = (reached[position].unit, reached[position].end)
                if let known = found.firstIndex(where: { $0.unit == unit }) {
                    found[known].end = max(found[known].end, end)
                } else {
                    found.append((unit, end))
                }
                position += 1
            }
            for (unit, end) in found {
                let range = Self.index(words[start].start, in: text)..<Self.index(words[end - 1].end, in: text)
                self.found.append((unit, Occurrence(field: field, segment: segment, start: start, end: end, range: range)))
            }
        }
    }

    /// The index of a UTF-8 offset of `text`.
    private static func index(_ offset: Int, in text: String) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// The texts of `field`, as regular expressions search them.
    private static func texts(of field: ItemField, in item: FeedItem, sourceLabels: [String]) -> [String] {
        switch field {
        case .title: [item.title].compactMap { $0 }
        case .summary: [item.summaryText].compactMap { $0 }
        case .content: [item.contentText].compactMap { $0 }
        case .categories: item.categories
        case .source: sourceLabels
        }
    }

    private mutating func matchRegexes(_ item: FeedItem, sourceLabels: [String], index: MatcherIndex) {
        guard !index.regexes.isEmpty else { return }
        // Each field is folded once, when a pattern first needs it, and read by every pattern; its scalars
        // are listed once, when a pattern that may match it first needs them.
        var inputs: [ItemField: [(folded: String, scalars: [Unicode.Scalar]?)]] = [:]
        for (number, entry) in index.regexes.enumerated() {
            var counts = FieldCounts()
            for field in ItemField.allCases where entry.fields.contains(field) {
                // Taken out while it is read, so that listing its scalars does not copy it.
                var texts = inputs.removeValue(forKey: field)
                    ?? Self.texts(of: field, in: item, sourceLabels: sourceLabels).map { (TextFolding.fold($0), nil) }
                var found = 0
                for place in texts.indices where entry.regex.mayMatch(folded: texts[place].folded) {
                    let scalars = texts[place].scalars ?? BoundedRegex.input(folded: texts[place].folded)
                    texts[place].scalars = scalars
                    if entry.regex.matches(scalars) { found += 1 }
                }
                inputs[field] = texts
                counts[field] = found
            }
            if !counts.isEmpty { regexes[number] = counts }
        }
    }
}
