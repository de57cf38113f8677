import Model
import TextNormalization

/// Scores feed items against every profile at once.
///
/// All terms of all profiles (topic terms and exclusions) are tokenised with ``Tokenizer`` and compiled
/// into one ``TokenTrie``. An item is tokenised once per field and scanned once; each hit names the
/// profile, topic and term it belongs to. Matching is therefore insensitive to case, accents and French
/// elisions, and a term of several words (keyword or phrase) is found only where its tokens are adjacent.
/// Scores follow ``Scoring``. Terms that contain no word at all (only punctuation) can never match.
public struct Matcher: Sendable {
    /// What a trie output stands for.
    private struct Output: Sendable {
        var profile: Int
        /// Index of the topic, or `nil` for an exclusion term.
        var topic: Int?
        var term: Term
        /// Term weight × topic weight.
        var weight: Double
    }

    /// Per-field hit counts of one output; four plain counters, as this is updated on every hit.
    private struct FieldCounts {
        private var title = 0, summary = 0, content = 0, categories = 0

        subscript(field: ItemField) -> Int {
            get {
                switch field {
                case .title: title
                case .summary: summary
                case .content: content
                case .categories: categories
                }
            }
            set {
                switch field {
                case .title: title = newValue
                case .summary: summary = newValue
                case .content: content = newValue
                case .categories: categories = newValue
                }
            }
        }
    }

    private let profiles: [Profile]
    private let outputs: [Output]
    private let trie: TokenTrie

    /// Compiles the terms of `profiles`.
    public init(profiles: [Profile]) {
        var outputs: [Output] = []
        var trie = TokenTrie()
        func add(_ term: Term, profile: Int, topic: Int?, weight: Double) {
            let tokens = Tokenizer.tokens(term.text).map(\.text)
            guard !tokens.isEmpty else { return }
            trie.insert(tokens, output: outputs.count)
            outputs.append(Output(profile: profile, topic: topic, term: term, weight: weight))
        }
        for (profileIndex, profile) in profiles.enumerated() {
            for (topicIndex, topic) in profile.topics.enumerated() {
                for term in topic.terms {
                    add(term, profile: profileIndex, topic: topicIndex, weight: term.weight * topic.weight)
                }
            }
            for term in profile.exclusions {
                add(term, profile: profileIndex, topic: nil, weight: 0)
            }
        }
        self.profiles = profiles
        self.outputs = outputs
        self.trie = trie
    }

    /// Scores one item for every profile; returns only matches at or above each profile's min_score, strongest first.
    ///
    /// `source` is the source the item was read from; with `nil`, source filters and weights do not apply.
    public func matches(for item: FeedItem, source: Source?) -> [Match] {
        let byProfile = hitsByProfile(item)
        var matches: [Match] = []
        for (profileIndex, profileHits) in byProfile {
            let profile = profiles[profileIndex]
            let evaluation = evaluate(profile, hits: profileHits, source: source)
            guard !evaluation.excluded, !evaluation.contributions.isEmpty, evaluation.score >= profile.minScore else {
                continue
            }
            matches.append(Self.match(from: evaluation))
        }
        return matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.profile < $1.profile }
    }

    /// Every profile's score with its per-term contributions (for explanations and tests), in profile order.
    public func evaluate(_ item: FeedItem, source: Source?) -> [Evaluation] {
        let byProfile = hitsByProfile(item)
        return profiles.indices.map { index in
            evaluate(profiles[index], hits: byProfile[index] ?? [], source: source)
        }
    }

    // MARK: Scanning

    private typealias Hit = (output: Int, counts: FieldCounts)

    /// The item's term hits, grouped by the index of the profile they belong to.
    private func hitsByProfile(_ item: FeedItem) -> [Int: [Hit]] {
        var byProfile: [Int: [Hit]] = [:]
        for (output, counts) in scan(item) {
            byProfile[outputs[output].profile, default: []].append((output, counts))
        }
        return byProfile
    }

    private func scan(_ item: FeedItem) -> [Int: FieldCounts] {
        var hits: [Int: FieldCounts] = [:]
        func scan(_ text: String?, _ field: ItemField) {
            guard let text, !text.isEmpty else { return }
            trie.scan(Tokenizer.tokens(text)) { output in
                hits[output, default: FieldCounts()][field] += 1
            }
        }
        scan(item.title, .title)
        scan(item.summaryText, .summary)
        scan(item.contentText, .content)
        for category in item.categories {
            scan(category, .categories)
        }
        return hits
    }

    // MARK: Scoring

    private func evaluate(_ profile: Profile, hits: [Hit], source: Source?) -> Evaluation {
        var exclusion = sourceExclusion(profile, source)
        var contributions: [Contribution] = []
        for (outputIndex, counts) in hits.sorted(by: { $0.output < $1.output }) {
            let output = outputs[outputIndex]
            guard let topicIndex = output.topic else {
                if exclusion == nil { exclusion = .term(output.term.text) }
                continue
            }
            let topic = profile.topics[topicIndex]
            for field in ItemField.allCases {
                let count = counts[field]
                guard count > 0 else { continue }
                let points = Scoring.points(termWeight: output.term.weight, topicWeight: topic.weight, field: field, count: count)
                contributions.append(Contribution(topic: topic.name, term: output.term.text, field: field, count: count, points: points))
            }
        }
        contributions.sort {
            if $0.points != $1.points { return $0.points > $1.points }
            if $0.topic != $1.topic { return $0.topic < $1.topic }
            if $0.term != $1.term { return $0.term < $1.term }
            return $0.field.rawValue < $1.field.rawValue
        }
        let sourceWeight = source.flatMap { profile.sourceWeights[$0.name] } ?? 1
        let score = contributions.reduce(0) { $0 + $1.points } * sourceWeight
        return Evaluation(profile: profile.id, score: score, sourceWeight: sourceWeight, exclusion: exclusion, contributions: contributions)
    }

    private func sourceExclusion(_ profile: Profile, _ source: Source?) -> Evaluation.Exclusion? {
        switch source.flatMap(profile.refusal(of:)) {
        case .excluded: .excludedSource
        case .untagged: .untaggedSource
        case nil: nil
        }
    }

    /// Topics and terms ordered by the points they brought, ties by name so the order is stable.
    private static func match(from evaluation: Evaluation) -> Match {
        func ranked(_ key: (Contribution) -> String) -> [String] {
            var totals: [String: Double] = [:]
            for contribution in evaluation.contributions { totals[key(contribution), default: 0] += contribution.points }
            return totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        return Match(profile: evaluation.profile, score: evaluation.score, topics: ranked(\.topic), terms: ranked(\.term))
    }
}
