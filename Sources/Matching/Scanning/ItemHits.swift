import Model
import TextNormalization

/// Everything the compiled terms found in one item: per unit and per regular expression, the hits in
/// each field, where each unit was found, and the terms those hits concern, by profile.
///
/// The item's language is guessed from its title and the start of its text (``Language/guess(_:)``); a
/// stemmed unit is compared by the item's stems in that language, or, when the guess gives nothing, in the
/// language of the profile the unit was written for. So an English item is stemmed in English even for a
/// French profile, and a short title is stemmed in the profile's language.
struct ItemHits {
    var units: [Int: FieldCounts] = [:]
    var occurrences: [Int: [Occurrence]] = [:]
    var regexes: [Int: FieldCounts] = [:]
    /// Profile → the terms (indices, increasing) that use a unit or regular expression that was hit: every
    /// other term of the profile has no hit, so evaluating a profile costs its hit terms, not its size.
    private(set) var candidates: [Int: [Int]] = [:]
    /// The texts read, by field and segment, for the surfaces of occurrences.
    private var texts: [TextPlace: String] = [:]

    private struct TextPlace: Hashable {
        var field: ItemField
        var segment: Int
    }

    /// Reads `item` (and the names of `source` when some term searches them) once through `index`.
    init(_ item: FeedItem, source: Source?, index: MatcherIndex) {
        let sourceLabels = (index.searchesSource ? source.map { [$0.name] + $0.tags } : nil) ?? []
        var fields: [(field: ItemField, segment: Int, text: String, tokens: [Token])] = []
        func add(_ text: String?, _ field: ItemField, segment: Int = 0) {
            guard let text, !text.isEmpty else { return }
            fields.append((field, segment, text, Tokenizer.tokens(text)))
        }
        add(item.title, .title)
        add(item.summaryText, .summary)
        add(item.contentText, .content)
        for (segment, category) in item.categories.enumerated() { add(category, .categories, segment: segment) }
        for (segment, label) in sourceLabels.enumerated() { add(label, .source, segment: segment) }

        // The guess reads only the first words of what it is given: the title, then the start of the text.
        var prose: [Token] = []
        for entry in fields where [.title, .summary, .content].contains(entry.field) && prose.count < Language.guessedTokens {
            prose += entry.tokens.prefix(Language.guessedTokens - prose.count)
        }
        let guessed = index.stemLanguages.isEmpty ? nil : Language.guess(prose)
        let languages = guessed.map { [$0] } ?? index.stemLanguages
        // One reader, with its caches of words already keyed, for the whole item.
        let readings = index.keyReaders.withReader { reader in
            fields.map { Self.readings(of: $0.tokens, languages: languages, reader: reader, index: index) }
        }
        for (entry, readings) in zip(fields, readings) {
            texts[TextPlace(field: entry.field, segment: entry.segment)] = entry.text
            scan(entry.tokens, readings: readings, field: entry.field, segment: entry.segment, guessed: guessed, index: index)
        }
        var terms: [Int] = []
        for unit in units.keys { terms += index.unitTerms[unit] }
        matchRegexes(item, sourceLabels: sourceLabels, index: index)
        terms += regexes.keys.map { index.regexTerms[$0] }
        for term in terms { candidates[index.places[term].profile, default: []].append(term) }
        candidates = candidates.mapValues { Set($0).sorted() }
    }

    /// The source text of an occurrence, from its first word to its last.
    func surface(of occurrence: Occurrence) -> String? {
        texts[TextPlace(field: occurrence.field, segment: occurrence.segment)].map { String($0[occurrence.range]) }
    }

    /// Walks the trie from every token of one text in each form its keys are read in, and records each unit
    /// found once per start position, with the longest span found there.
    private mutating func scan(
        _ tokens: [Token], readings: [KeyReading], field: ItemField, segment: Int, guessed: Language?, index: MatcherIndex
    ) {
        guard !tokens.isEmpty else { return }
        // The closure below runs on every hit: it captures the arrays it reads, not the whole index.
        let unitLanguages = index.unitLanguages, trie = index.trie
        var found: [(unit: Int, end: Int)] = []
        for start in tokens.indices {
            found.removeAll(keepingCapacity: true)
            for reading in readings {
                reading.walk(from: start, tokens: tokens, trie: trie) { unit, end in
                    if case .stemmed(let language) = reading.form, (guessed ?? unitLanguages[unit]) != language { return }
                    if let known = found.firstIndex(where: { $0.unit == unit }) {
                        found[known].end = max(found[known].end, end)
                    } else {
                        found.append((unit, end))
                    }
                }
            }
            for (unit, end) in found {
                units[unit, default: FieldCounts()][field] += 1
                let range = tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound
                occurrences[unit, default: []].append(Occurrence(field: field, segment: segment, start: start, end: end, range: range))
            }
        }
    }

    /// The key ids of one text in each form it is read in: folded when some term is, and stemmed in each of `languages`.
    private static func readings(of tokens: [Token], languages: [Language], reader: KeyReader, index: MatcherIndex) -> [KeyReading] {
        guard !tokens.isEmpty else { return [] }
        var forms: [KeyForm] = index.readsFolded ? [.folded] : []
        forms += languages.map(KeyForm.stemmed)
        return forms.map { form in
            KeyReading(form: form, keys: reader.keys(tokens, form: form, vocabulary: index.vocabulary))
        }
    }

    private mutating func matchRegexes(_ item: FeedItem, sourceLabels: [String], index: MatcherIndex) {
        guard !index.regexes.isEmpty else { return }
        // Each field is folded once, when a pattern first needs it, and read by every pattern.
        var inputs: [ItemField: [[Unicode.Scalar]]] = [:]
        func input(_ field: ItemField) -> [[Unicode.Scalar]] {
            if let known = inputs[field] { return known }
            let texts: [String]
            switch field {
            case .title: texts = [item.title].compactMap { $0 }
            case .summary: texts = [item.summaryText].compactMap { $0 }
            case .content: texts = [item.contentText].compactMap { $0 }
            case .categories: texts = item.categories
            case .source: texts = sourceLabels
            }
            let folded = texts.map(BoundedRegex.input)
            inputs[field] = folded
            return folded
        }
        for (number, entry) in index.regexes.enumerated() {
            var counts = FieldCounts()
            for field in ItemField.allCases where entry.fields.contains(field) {
                counts[field] = input(field).count { entry.regex.matches($0) }
            }
            if !counts.isEmpty { regexes[number] = counts }
        }
    }
}

/// One text's keys in one form, as ids of the matcher's vocabulary (0 for a key no term uses).
private struct KeyReading {
    var form: KeyForm
    var keys: [Int32]
    var joinedKeys: [Int32]

    init(form: KeyForm, keys: KeyReader.Keys) {
        self.form = form
        self.keys = keys.keys
        joinedKeys = keys.joinedKeys
    }

    /// Follows every path from token `start`: each step reads the next token's key, the joined key of the
    /// next two tokens, or a prefix edge the next token begins with; `reached` gets each unit and the
    /// position after its last token.
    func walk(from start: Int, tokens: [Token], trie: TokenTrie, reached: (Int, Int) -> Void) {
        var next: [Int32] = []
        func step(_ node: Int32, _ index: Int) {
            guard index < keys.count else { return }
            next.removeAll(keepingCapacity: true)
            if keys[index] != 0, let child = trie.child(node, keys[index]) { next.append(child) }
            trie.prefixChildren(node, text: tokens[index].text, into: &next)
            let singles = next
            for child in singles {
                for unit in trie.outputs[Int(child)] { reached(unit, index + 1) }
                step(child, index + 1)
            }
            if index < joinedKeys.count, joinedKeys[index] != 0, let child = trie.child(node, joinedKeys[index]) {
                for unit in trie.outputs[Int(child)] { reached(unit, index + 2) }
                step(child, index + 2)
            }
        }
        step(TokenTrie.root, start)
    }
}
