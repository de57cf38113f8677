import Foundation
import Model
import TextNormalization

/// Scores feed items against every profile at once.
///
/// All words of all profiles (topic terms, proximity members and exclusions) are compiled into one
/// ``TokenTrie`` over key ids (``KeyVocabulary``), folded and Snowball-stemmed; regular expressions sit
/// beside it. An item is tokenised once per field, keyed once per form, and scanned once; each hit names
/// the unit it completes, and only the profiles using a unit that was hit are evaluated. Matching is
/// insensitive to case, accents and French elisions, finds compounds in every spelling, and stems an item
/// in its guessed language; a term of several words is found only where its words are adjacent. A topic
/// counts when every `all` term is found, at least one `any` term is (when it has some), and no `none`
/// term is; scores follow ``Scoring`` and ``ScoreScale``. Terms that
/// can never match (see ``TermCheck``) are compiled to nothing.
public struct Matcher: Sendable {
    private let index: MatcherIndex
    /// Each profile's score scale, in profile order.
    private let scales: [ScoreScale]

    /// Compiles the terms of `profiles`.
    public init(profiles: [Profile]) {
        index = MatcherIndex(profiles: profiles)
        scales = profiles.map(ScoreScale.init)
    }

    /// Compiles the terms of `profiles`, planning their words on `workers` cores: for tests that compare
    /// one core with several.
    init(profiles: [Profile], compilingOn workers: Int) {
        index = MatcherIndex(profiles: profiles, workers: workers)
        scales = profiles.map(ScoreScale.init)
    }

    /// Scores one item for every profile; returns only matches at or above each profile's threshold, strongest first.
    ///
    /// `source` is the source the item was read from; with `nil`, source filters and weights do not apply.
    /// `matchedAt` is when the item is first matched, from which its age lowers its score (see `Recency`);
    /// with `nil`, age does not count. With `withSurfaces` false the matches carry no ``Match/surfaces``,
    /// which saves finding them for a caller that does not show them.
    public func matches(for item: FeedItem, source: Source?, matchedAt: Date? = nil, withSurfaces: Bool = true) -> [Match] {
        index.keyReaders.withReader { reader in
            matches(for: item, source: source, matchedAt: matchedAt, withSurfaces: withSurfaces, reader: reader)
        }
    }

    /// The matches of each of `items`, as ``matches(for:source:matchedAt:withSurfaces:)`` gives them, read
    /// with one key reader throughout: a task matching a batch keeps the reader's caches on its own core
    /// rather than trading readers with other tasks item by item.
    public func matches(for items: [FeedItem], source: Source?, matchedAt: Date? = nil, withSurfaces: Bool = true) -> [[Match]] {
        index.keyReaders.withReader { reader in
            items.map { matches(for: $0, source: source, matchedAt: matchedAt, withSurfaces: withSurfaces, reader: reader) }
        }
    }

    /// ``matches(for:source:matchedAt:withSurfaces:)`` with the item's near-duplicate fingerprint, equal to
    /// `NearDuplicateFingerprint(title:summary:content:)` of its texts and made from the same reading of
    /// them: what a crawl computes for each new item, without tokenising it twice.
    public func matchesAndFingerprint(
        for item: FeedItem, source: Source?, matchedAt: Date? = nil, withSurfaces: Bool = true
    ) -> (matches: [Match], fingerprint: NearDuplicateFingerprint?) {
        let hits = index.keyReaders.withReader { ItemHits(item, source: source, index: index, reader: $0, fingerprinting: true) }
        let matches = matches(for: item, hits: hits, source: source, matchedAt: matchedAt, withSurfaces: withSurfaces)
        let fingerprint = hits.fingerprintParts.flatMap { parts in
            NearDuplicateFingerprint(title: parts.title, summary: parts.summary, content: parts.content)
        }
        return (matches, fingerprint)
    }

    private func matches(for item: FeedItem, source: Source?, matchedAt: Date?, withSurfaces: Bool, reader: KeyReader) -> [Match] {
        let hits = ItemHits(item, source: source, index: index, reader: reader)
        return matches(for: item, hits: hits, source: source, matchedAt: matchedAt, withSurfaces: withSurfaces)
    }

    private func matches(for item: FeedItem, hits: ItemHits, source: Source?, matchedAt: Date?, withSurfaces: Bool) -> [Match] {
        var matches: [Match] = []
        var scratch = Scratch()
        var surfaceMemo: [[Int]: [MatchedSurface]] = [:]
        for (profileIndex, terms) in hits.candidateProfiles {
            let weighing = evaluate(
                profileIndex, candidates: hits.candidates(in: terms), item: item, hits: hits, source: source, matchedAt: matchedAt,
                explained: false, into: &scratch)
            // What `Evaluation.alerted` tests, computed alike, without the evaluation and its arrays.
            guard weighing.exclusion == nil, !scratch.contributions.isEmpty else { continue }
            let sum = scratch.contributions.reduce(0) { $0 + $1.points }
            let scale = scales[profileIndex]
            let score = scale.score(sum * weighing.sourceWeight * weighing.recency)
            guard score >= scale.threshold else { continue }
            var match = Self.match(profile: index.profileIDs[profileIndex], score: score, contributions: scratch.contributions)
            if withSurfaces { match.surfaces = surfaces(of: scratch.foundTerms, in: hits, memo: &surfaceMemo) }
            matches.append(match)
        }
        // Sorted in place: a sorted copy retained every string and array of every match once more.
        matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.profile < $1.profile }
        return matches
    }

    /// Every profile's score with its per-term contributions (for explanations and tests), in profile order.
    public func evaluate(_ item: FeedItem, source: Source?, matchedAt: Date? = nil) -> [Evaluation] {
        let hits = index.keyReaders.withReader { ItemHits(item, source: source, index: index, reader: $0) }
        var scratch = Scratch()
        return index.profiles.indices.map { profileIndex in
            let weighing = evaluate(
                profileIndex, candidates: hits.candidates(of: profileIndex), item: item, hits: hits, source: source,
                matchedAt: matchedAt, explained: true, into: &scratch)
            return Evaluation(
                profile: index.profileIDs[profileIndex], scale: scales[profileIndex], sourceWeight: weighing.sourceWeight,
                recency: weighing.recency, exclusion: weighing.exclusion, contributions: scratch.contributions,
                setAside: scratch.setAside)
        }
    }

    // MARK: Evaluation

    /// The hits of one compiled term, in its fields only.
    private func counts(of termIndex: Int, in hits: ItemHits) -> FieldCounts {
        let place = index.places[termIndex]
        if place.unit >= 0 { return hits.counts(ofUnit: Int(place.unit))?.restricted(to: place.fields) ?? FieldCounts() }
        let term = index.terms[termIndex]
        switch term.body {
        case .unit(let unit):
            return hits.counts(ofUnit: unit)?.restricted(to: term.fields) ?? FieldCounts()
        case .regex(let number):
            return hits.regexes[number]?.restricted(to: term.fields) ?? FieldCounts()
        case .near(let members, let within, let ordered):
            let occurrences = members.map { alternatives in
                alternatives.flatMap { hits.occurrences(ofUnit: $0) }.filter { term.fields.contains($0.field) }
            }
            return ProximitySearch.counts(members: occurrences, within: within, ordered: ordered)
        case .never:
            return FieldCounts()
        }
    }

    /// The buffers of a profile's evaluation, reused from profile to profile: an item alerts dozens of
    /// profiles at 50,000 terms, and arrays made for each cost more than evaluating them.
    private struct Scratch {
        /// The profile's contributions, strongest first.
        var contributions: [Contribution] = []
        /// Topics that found something but do not count, in profile order.
        var setAside: [Evaluation.SetAside] = []
        /// The terms that brought points, for their surfaces.
        var foundTerms: [Int] = []
        /// The terms a topic found, with their hits.
        var found: [(term: Int, counts: FieldCounts)] = []
    }

    /// What weighs on a profile's points beside its contributions, and whether it is excluded.
    private struct Weighing {
        var exclusion: Evaluation.Exclusion?
        var sourceWeight: Double
        var recency: Double
    }

    /// The profile's evaluation, in `scratch` (its contributions, its topics set aside and the terms that
    /// brought its points) and returned (the rest). Only the profile's candidate terms
    /// (``ItemHits/candidates(of:)``) are looked at: the others have no hit, and a topic without any is silent.
    /// Its contributions carry their ``Contribution/construct`` when `explained`.
    ///
    /// The flat records of the index (``TermPlace``, ``TopicHead``) are read rather than the
    /// profile's, topics' and terms' objects, which an item alerting dozens of profiles would each load from
    /// memory; the profile's object is read only for a source or a date of matching.
    private func evaluate(
        _ profileIndex: Int, candidates: ArraySlice<Int>, item: FeedItem, hits: ItemHits, source: Source?, matchedAt: Date?,
        explained: Bool, into scratch: inout Scratch
    ) -> Weighing {
        var exclusion = source.flatMap { Self.sourceExclusion(index.profiles[profileIndex], $0) }
        if exclusion == nil, let found = candidates.first(where: {
            index.places[$0].isExclusion && !counts(of: $0, in: hits).isEmpty
        }) {
            exclusion = .term(index.places[found].label)
        }
        scratch.contributions.removeAll(keepingCapacity: true)
        scratch.setAside.removeAll(keepingCapacity: true)
        scratch.foundTerms.removeAll(keepingCapacity: true)
        // Candidates are in term order, and a profile's terms are numbered topic after topic.
        var next = candidates.startIndex
        while next < candidates.endIndex {
            guard let position = index.places[candidates[next]].topic else {
                next += 1
                continue
            }
            var end = next + 1
            while end < candidates.endIndex, index.places[candidates[end]].topic == position { end += 1 }
            let topic = index.topicHead(profile: profileIndex, position: position)
            let verdict = verdict(
                on: topic, profile: profileIndex, position: position, candidates: candidates[next..<end], hits: hits,
                found: &scratch.found)
            switch verdict {
            case .counts:
                for (termIndex, termCounts) in scratch.found {
                    scratch.foundTerms.append(termIndex)
                    let place = index.places[termIndex]
                    // Only topic terms are found here, and each earns.
                    guard place.earns else { continue }
                    let construct = explained ? index.terms[termIndex].construct : nil
                    for field in ItemField.allCases {
                        let count = termCounts[field]
                        guard count > 0 else { continue }
                        let points = Scoring.points(termWeight: place.weight, topicWeight: topic.weight, field: field, count: count)
                        scratch.contributions.append(Contribution(
                            topic: topic.name, term: place.label, field: field, count: count, points: points, construct: construct))
                    }
                }
            case .setAside(let reason):
                scratch.setAside.append(Evaluation.SetAside(topic: topic.name, reason: reason))
            case .silent:
                break
            }
            next = end
        }
        scratch.contributions.sort {
            if $0.points != $1.points { return $0.points > $1.points }
            if $0.topic != $1.topic { return $0.topic < $1.topic }
            if $0.term != $1.term { return $0.term < $1.term }
            return $0.field.rawValue < $1.field.rawValue
        }
        var sourceWeight = 1.0
        if let source, let weight = index.profiles[profileIndex].profile.sourceWeights[source.name] { sourceWeight = weight }
        var recency = 1.0
        if let matchedAt, let factor = index.profiles[profileIndex].profile.recency?.factor(date: item.date, now: matchedAt) {
            recency = factor
        }
        return Weighing(exclusion: exclusion, sourceWeight: sourceWeight, recency: recency)
    }

    /// ``surfaces(of:in:)``, remembered for the item in `memo`: they follow from the units and fields of the
    /// terms alone, whatever their order, and profiles sharing topics find the same words, so that an item
    /// alerting dozens of profiles made the same surfaces dozens of times (a fifteenth of matching a crawl
    /// with 1,000 profiles). Terms with a proximity group are not remembered.
    private func surfaces(of terms: [Int], in hits: ItemHits, memo: inout [[Int]: [MatchedSurface]]) -> [MatchedSurface] {
        var key: [Int] = []
        key.reserveCapacity(terms.count)
        for termIndex in terms {
            let term = index.terms[termIndex]
            switch term.body {
            case .unit(let unit): key.append(unit << 8 | Int(term.fields.bits))
            case .near: return surfaces(of: terms, in: hits)
            case .regex, .never: continue
            }
        }
        key = key.sortedWithoutRepeats()
        if let known = memo[key] { return known }
        let found = surfaces(of: terms, in: hits)
        memo[key] = found
        return found
    }

    /// The item's words that `terms` found, in their fields: every occurrence of a word or phrase, and the
    /// occurrences a proximity group's places are made of.
    private func surfaces(of terms: [Int], in hits: ItemHits) -> [MatchedSurface] {
        var occurrences: [Occurrence] = []
        for termIndex in terms {
            let term = index.terms[termIndex]
            switch term.body {
            case .unit(let unit):
                occurrences += hits.occurrences(ofUnit: unit).filter { term.fields.contains($0.field) }
            case .near(let members, let within, let ordered):
                let found = members.map { alternatives in
                    alternatives.flatMap { hits.occurrences(ofUnit: $0) }.filter { term.fields.contains($0.field) }
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
        case counts
        /// Some of its terms were found, but the topic does not count.
        case setAside(Evaluation.SetAside.Reason)
        /// Nothing of the topic was found.
        case silent
    }

    /// The verdict on `topic`, at `position` in the profile at `profile`, from its candidate terms, in term
    /// order: its `any` terms, then each `all` entry's, then its `none` terms. When the topic counts, `found`
    /// holds the terms it found, its `any` terms then each `all` entry's.
    private func verdict(
        on topic: TopicHead, profile: Int, position: Int, candidates: ArraySlice<Int>, hits: ItemHits,
        found any: inout [(term: Int, counts: FieldCounts)]
    ) -> TopicVerdict {
        any.removeAll(keepingCapacity: true)
        var all = Array(repeating: [(term: Int, counts: FieldCounts)](), count: topic.allCount)
        var vetoing: Int?
        for termIndex in candidates {
            let place = index.places[termIndex]
            if place.isNone {
                if vetoing == nil, !counts(of: termIndex, in: hits).isEmpty { vetoing = termIndex }
                continue
            }
            let termCounts = counts(of: termIndex, in: hits)
            guard !termCounts.isEmpty else { continue }
            if case .all(let choice) = place.role { all[choice].append((termIndex, termCounts)) } else { any.append((termIndex, termCounts)) }
        }
        guard !any.isEmpty || all.contains(where: { !$0.isEmpty }) else { return .silent }
        if let vetoing {
            return .setAside(.excludedBy(index.places[vetoing].label))
        }
        if let missing = all.firstIndex(where: \.isEmpty) {
            return .setAside(.missing(index.profiles[profile].topics[position].allLabels[missing]))
        }
        if topic.hasAny, any.isEmpty {
            return .setAside(.noAnyTerm)
        }
        for entry in all { any += entry }
        return .counts
    }

    private static func sourceExclusion(_ compiled: CompiledProfile, _ source: Source) -> Evaluation.Exclusion? {
        switch compiled.profile.refusal(of: source) {
        case .excluded: .excludedSource
        case .untagged: .untaggedSource
        case nil: nil
        }
    }

    /// The match of a profile alerted with `score`: its topics and terms ordered by the points they brought,
    /// ties by name so the order is stable.
    private static func match(profile: String, score: Double, contributions: [Contribution]) -> Match {
        func ranked(_ key: (Contribution) -> String) -> [String] {
            // Nearly every alert has one or two contributions: no table for those.
            if contributions.count == 1 { return [key(contributions[0])] }
            // Grouped by name, each name's points added in contribution order, as they come.
            let order = contributions.indices.sorted { left, right in
                let (first, second) = (key(contributions[left]), key(contributions[right]))
                return first != second ? first < second : left < right
            }
            var totals: [(key: String, points: Double)] = []
            for index in order {
                let name = key(contributions[index])
                if totals.last?.key == name {
                    totals[totals.count - 1].points += contributions[index].points
                } else {
                    totals.append((name, contributions[index].points))
                }
            }
            return totals.sorted { $0.points != $1.points ? $0.points > $1.points : $0.key < $1.key }.map(\.key)
        }
        return Match(profile: profile, score: score, topics: ranked(\.topic), terms: ranked(\.term))
    }
}
