import Model
import TextNormalization

/// Everything the compiled terms found in one item: per unit and per regular expression, the hits in
/// each field, the positions proximity groups need, and the profiles those hits concern.
struct ItemHits {
    var units: [Int: FieldCounts] = [:]
    var occurrences: [Int: [Occurrence]] = [:]
    var regexes: [Int: FieldCounts] = [:]
    var profiles: Set<Int> = []

    /// Reads `item` (and the names of `source` when some term searches them) once through `index`.
    init(_ item: FeedItem, source: Source?, index: MatcherIndex) {
        func read(_ text: String?, _ field: ItemField, segment: Int = 0) {
            guard let text, !text.isEmpty else { return }
            let tokens = Tokenizer.tokens(text).map { token in
                var keys = [MatchKey.make(token.text, stem: nil)]
                for language in index.languages {
                    let key = MatchKey.make(token.text, stem: language)
                    // Each distinct key is followed once, so a hit is never counted twice.
                    if !keys.contains(key) { keys.append(key) }
                }
                return TokenTrie.ReadToken(text: token.text, keys: keys, length: token.text.count, position: token.position)
            }
            index.trie.scan(tokens) { unit, start, end in
                units[unit, default: FieldCounts()][field] += 1
                if index.positionedUnits.contains(unit) {
                    occurrences[unit, default: []].append(Occurrence(field: field, segment: segment, start: start, end: end))
                }
            }
        }
        read(item.title, .title)
        read(item.summaryText, .summary)
        read(item.contentText, .content)
        for (segment, category) in item.categories.enumerated() { read(category, .categories, segment: segment) }
        let sourceLabels = (index.searchesSource ? source.map { [$0.name] + $0.tags } : nil) ?? []
        for (segment, label) in sourceLabels.enumerated() { read(label, .source, segment: segment) }
        for unit in units.keys { profiles.formUnion(index.unitProfiles[unit]) }

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
            if !counts.isEmpty {
                regexes[number] = counts
                profiles.insert(index.regexProfiles[number])
            }
        }
    }
}
