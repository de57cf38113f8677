import Model
import TextNormalization

/// Scores feed items against every profile at once.
///
/// All words of all profiles (topic terms, proximity members and exclusions) are compiled into one
/// ``TokenTrie`` over key ids (``KeyVocabulary``), folded and Snowball-stemmed; regular expressions sit
/// beside it. An item is tokenised once per field, keyed once per form, and scanned once; each hit names
/// the unit it completes, and only the profiles using a unit that was hit are evaluated. Matching is
/// insensitive to case, accents and French elisions, finds compounds in every spelling, and stems an item
/// in its guessed language; a term of several words is found only where its words are adjacent. A topic counts when every `all` term is found, at
/// least one `any` term is (when it has some), and no `none` term is; scores follow ``Scoring``. Terms that
/// can never match (see ``TermCheck``) are compiled to nothing.
public struct Matcher: Sendable {
    private let index: MatcherIndex

    /// Compiles the terms of `profiles`.
    public init(profiles: [Profile]) {
        index = MatcherIndex(profiles: profiles)
    }

    /// Scores one item for every profile; returns only matches at or above each profile's min_score, strongest first.
    ///
    /// `source` is the source the item was read from; with `nil`, source filters and weights do not apply.
    public func matches(for item: FeedItem, source: Source?) -> [Match] {
        let hits = ItemHits(item, source: source, index: index)
        var matches: [Match] = []
        for profileIndex in hits.profiles {
            let profile = index.profiles[profileIndex]
            let (evaluation, found) = evaluate(profile, hits: hits, source: source)
            guard !evaluation.excluded, !evaluation.contributions.isEmpty, evaluation.score >= profile.profile.minScore else {
                continue
            }
            var match = Self.match(from: evaluation)
            match.surfaces = surfaces(of: found, in: hits)
            matches.append(match)
        }
        return matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.profile < $1.profile }
    }

    /// Every profile's score with its per-term contributions (for explanations and tests), in profile order.
    public func evaluate(_ item: FeedItem, source: Source?) -> [Evaluation] {
        let hits = ItemHits(item, source: source, index: index)
        return index.profiles.map { evaluate($0, hits: hits, source: source).evaluation }
    }

    // MARK: Evaluation

    /// The hits of one compiled term, in its fields only.
    private func counts(of termIndex: Int, in hits: ItemHits) -> FieldCounts {
        let term = index.terms[termIndex]
        switch term.body {
        case .unit(let unit):
            return hits.units[unit]?.restricted(to: term.fields) ?? FieldCounts()
        case .regex(let number):
            return hits.regexes[number]?.restricted(to: term.fields) ?? FieldCounts()
        case .near(let members, let within, let ordered):
            let occurrences = members.map { alternatives in
                alternatives.flatMap { hits.occurrences[$0] ?? [] }.filter { term.fields.contains($0.field) }
            }
            return ProximitySearch.counts(members: occurrences, within: within, ordered: ordered)
        case .never:
            return FieldCounts()
        }
    }

    /// The profile's evaluation, with the terms that brought its points.
    private func evaluate(_ compiled: CompiledProfile, hits: ItemHits, source: Source?) -> (evaluation: Evaluation, found: [Int]) {
        let profile = compiled.profile
        var exclusion = sourceExclusion(profile, source)
        if exclusion == nil, let found = compiled.exclusions.first(where: { !counts(of: $0, in: hits).isEmpty }) {
            exclusion = .term(index.terms[found].term.label)
        }
        var contributions: [Contribution] = [], setAside: [Evaluation.SetAside] = [], foundTerms: [Int] = []
        for topic in compiled.topics {
            switch verdict(on: topic, hits: hits) {
            case .counts(let found):
                for (termIndex, termCounts) in found {
                    foundTerms.append(termIndex)
                    contributions += Self.contributions(of: index.terms[termIndex].term, in: topic, counts: termCounts)
                }
            case .setAside(let reason):
                setAside.append(Evaluation.SetAside(topic: topic.name, reason: reason))
            case .silent:
                break
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
        let evaluation = Evaluation(
            profile: profile.id, score: score, sourceWeight: sourceWeight, exclusion: exclusion,
            contributions: contributions, setAside: setAside)
        return (evaluation, foundTerms)
    }

    /// The item's words that `terms` found, in their fields: every occurrence of a word or phrase, and the
    /// occurrences a proximity group's places are made of.
    private func surfaces(of terms: [Int], in hits: ItemHits) -> [MatchedSurface] {
        var occurrences: [Occurrence] = []
        for termIndex in terms {
            let term = index.terms[termIndex]
            switch term.body {
            case .unit(let unit):
                occurrences += (hits.occurrences[unit] ?? []).filter { term.fields.contains($0.field) }
            case .near(let members, let within, let ordered):
                let found = members.map { alternatives in
                    alternatives.flatMap { hits.occurrences[$0] ?? [] }.filter { term.fields.contains($0.field) }
                }
                occurrences += ProximitySearch.places(members: found, within: within, ordered: ordered).flatMap { $0 }
            case .regex, .never:
                break
            }
        }
        let fieldOrder = ItemField.allCases
        occurrences.sort {
            let (left, right) = (fieldOrder.firstIndex(of: $0.field) ?? 0, fieldOrder.firstIndex(of: $1.field) ?? 0)
            return (left, $0.segment, $0.start, $0.end) < (right, $1.segment, $1.start, $1.end)
        }
        var surfaces: [MatchedSurface] = []
        for occurrence in occurrences {
            guard let text = hits.surface(of: occurrence) else { continue }
            let surface = MatchedSurface(field: occurrence.field, text: text)
            if !surfaces.contains(surface) { surfaces.append(surface) }
        }
        return surfaces
    }

    private enum TopicVerdict {
        /// The topic counts, with the terms it found.
        case counts([(term: Int, counts: FieldCounts)])
        /// Some of its terms were found, but the topic does not count.
        case setAside(Evaluation.SetAside.Reason)
        /// Nothing of the topic was found.
        case silent
    }

    private func verdict(on topic: CompiledTopic, hits: ItemHits) -> TopicVerdict {
        func found(_ terms: [Int]) -> [(term: Int, counts: FieldCounts)] {
            terms.map { ($0, counts(of: $0, in: hits)) }.filter { !$0.counts.isEmpty }
        }
        let any = found(topic.any)
        let all = topic.all.map(found)
        guard !any.isEmpty || all.contains(where: { !$0.isEmpty }) else { return .silent }
        if let vetoing = topic.none.first(where: { !counts(of: $0, in: hits).isEmpty }) {
            return .setAside(.excludedBy(index.terms[vetoing].term.label))
        }
        if let missing = all.firstIndex(where: \.isEmpty) {
            return .setAside(.missing(topic.allLabels[missing]))
        }
        if !topic.any.isEmpty, any.isEmpty {
            return .setAside(.noAnyTerm)
        }
        return .counts(any + all.flatMap { $0 })
    }

    private static func contributions(of term: Term, in topic: CompiledTopic, counts: FieldCounts) -> [Contribution] {
        ItemField.allCases.compactMap { field in
            let count = counts[field]
            guard count > 0 else { return nil }
            let points = Scoring.points(termWeight: term.weight, topicWeight: topic.weight, field: field, count: count)
            return Contribution(topic: topic.name, term: term.label, field: field, count: count, points: points)
        }
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
