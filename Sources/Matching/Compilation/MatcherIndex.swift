import Dispatch
import Foundation
import Model
import Synchronization
import TextNormalization

/// The terms of every profile compiled into one trie over key ids, the regular expressions beside it, and
/// per-profile references to them.
///
/// A term's words are inserted once per form it is compared in: as folded words, or, when it is stemmed,
/// as French stems and as English stems, so that an item is stemmed in its own language whatever the
/// profile's (see ``ItemHits``). Each spelling of a compound (`e-commerce`, `e commerce`, `ecommerce`) is one
/// more sequence of the same unit (``MatchKeys/termSequences(_:stemmer:)``).
struct MatcherIndex: Sendable {
    private(set) var profiles: [CompiledProfile] = []
    private(set) var trie = TokenTrie()
    private(set) var vocabulary = KeyVocabulary()
    private(set) var terms: [CompiledTerm] = []
    private(set) var regexes: [(regex: BoundedRegex, fields: FieldSet)] = []
    /// For each unit, the terms that use it (as their words or a proximity member), so an item's hits name
    /// the only terms whose counts can be non-zero; gathered per unit while compiling, then laid out flat
    /// (``terms(ofUnit:)``), as an item's hit units are looked up in them at random.
    private var unitTerms: [[Int]] = []
    private var unitTermStarts: [Int32] = []
    private var unitTermList: [Int32] = []
    /// Where each term is written, by term index.
    private(set) var places: [TermPlace] = []
    /// Every profile's topics, profile after profile; a profile's first is at ``topicStarts``.
    private(set) var topicHeads: [TopicHead] = []
    private var topicStarts: [Int32] = []
    /// Each profile's identifier, in profile order.
    private(set) var profileIDs: [String] = []
    /// For each unit, the language of the profile it was stemmed for; nil when compared folded.
    private(set) var unitLanguages: [Language?] = []
    /// The languages of the profiles with stemmed units: an item whose language is not guessed is
    /// stemmed in each.
    private(set) var stemLanguages: [Language] = []
    /// Regular expression number → the term it belongs to.
    private(set) var regexTerms: [Int] = []
    /// Whether an item's folded keys can reach a unit: some term has a folded key, or a path starts with a
    /// prefix edge (a path of prefix edges only is walked in the folded reading). Without either, reading
    /// an item's folded keys finds nothing and is skipped.
    var readsFolded: Bool {
        vocabulary.uses(.folded) || trie.hasPrefixEdgesAtRoot
    }
    /// Whether some term searches the source's name and tags.
    private(set) var searchesSource = false
    /// The stemmers terms are stemmed with, while the index is compiled only: their caches of the terms'
    /// words would otherwise stay in memory as long as the matcher.
    private var stemmers: StemmerPool?
    /// The readers of items' keys, with their caches of the words already read.
    let keyReaders = KeyReaderPool()
    private var units: [UnitKey: Int] = [:]
    /// The plans of the words of the terms of the profiles being compiled, worked out on every core before
    /// they are inserted; a batch of profiles at a time, so that the plans of all terms never sit in memory
    /// together (some 500 bytes each, 20 MB at 50,000 terms).
    private var plans: [UnitRequest: UnitPlan?] = [:]
    /// The unit of every request compiled so far (nil when its words cannot match), so that a term repeated
    /// by other profiles is neither planned nor tokenised again; emptied once the index is built.
    private var requestUnits: [UnitRequest: Int?] = [:]
    /// Profiles whose terms are planned together.
    private static let profilesPerBatch = 64

    /// What makes two units the same: the words as written (case-folded, with their joins and stars) and
    /// the language they are stemmed for.
    private struct UnitKey: Hashable, Sendable {
        var words: [String]
        var language: Language?
    }

    /// The words of a term as written, and how they are compared: what its unit follows from.
    private struct UnitRequest: Hashable, Sendable {
        var text: String
        var stem: Bool?
        var language: Language?
    }

    /// What a term's words compile to, before any key has an id: the unit they make, and the key sequences
    /// to insert for it in each form, in order. Working it out (checking the pattern, tokenising, stemming in
    /// each language) is most of compiling, and depends on nothing else, so it is done on every core.
    private struct UnitPlan: Sendable {
        var key: UnitKey
        var sequences: [(form: KeyForm, edges: [[PlannedEdge]])]
    }

    /// ``TokenTrie/Edge`` before the key has an id.
    private enum PlannedEdge: Sendable {
        case key(String)
        case prefix(String)
    }

    /// Requests fewer than this are planned on one core: starting the others would cost more.
    private static let requestsPerWorker = 256

    /// What a term inherits from where it is written: the topic's, then the profile's, settings.
    private struct Context {
        var profile: Int
        var topic: Int?
        var language: Language?
        var stem: Bool?
        var fields: Set<ItemField>?
        /// How a term of the topic is described in explanations; nil outside topics, where terms earn nothing.
        var construct: ((Term, _ inAll: Bool) -> TermConstruct)?
    }

    /// Compiles `profiles`, planning their terms' words on up to `workers` cores (all of them by default).
    init(profiles: [Profile], workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let stemmers = StemmerPool()
        self.stemmers = stemmers
        let batches = stride(from: 0, to: profiles.count, by: Self.profilesPerBatch).map {
            $0..<min($0 + Self.profilesPerBatch, profiles.count)
        }
        if let first = batches.first {
            plans = Self.plans(for: Self.requests(in: profiles[first]), workers: workers, stemmers: stemmers)
        }
        for (number, batch) in batches.enumerated() {
            // The next batch is planned while this one is added, which only one core can do: adding was a
            // third of compiling, the other cores idle meanwhile. Its requests leave out those already
            // compiled and those of this batch, which adding it compiles. Planned on a thread of its own,
            // so that waiting for it never depends on a free thread of a pool the caller may be holding.
            let next = Mutex<[UnitRequest: UnitPlan?]>([:])
            let planned = DispatchSemaphore(value: 0)
            if number + 1 < batches.count {
                let requests = Self.requests(in: profiles[batches[number + 1]]).filter {
                    requestUnits[$0] == nil && plans[$0] == nil
                }
                Thread {
                    let plans = Self.plans(for: requests, workers: workers, stemmers: stemmers)
                    next.withLock { $0 = plans }
                    planned.signal()
                }.start()
            } else {
                planned.signal()
            }
            for index in batch {
                self.profiles.append(add(profiles[index], index: index))
            }
            planned.wait()
            plans = next.withLock { $0 }
        }
        vocabulary.seal()
        trie.seal()
        unitTermStarts.reserveCapacity(unitTerms.count + 1)
        unitTermStarts.append(0)
        for terms in unitTerms {
            unitTermList += terms.map { Int32($0) }
            unitTermStarts.append(Int32(unitTermList.count))
        }
        unitTerms = []
        plans = [:]
        requestUnits = [:]
        self.stemmers = nil
    }

    /// Every distinct request of the words of `profiles`' terms, in the order compiling meets them.
    private static func requests(in profiles: ArraySlice<Profile>) -> [UnitRequest] {
        var seen = Set<UnitRequest>()
        var requests: [UnitRequest] = []
        func note(_ term: Term, stem: Bool?, language: Language?) {
            let stem = term.stem ?? stem
            var wanted: [UnitRequest] = []
            switch term.kind {
            case .words:
                wanted = [UnitRequest(text: term.text, stem: stem, language: language)]
            case .near(let proximity):
                wanted = proximity.members.flatMap { member in
                    member.terms.map { UnitRequest(text: $0.text, stem: $0.stem ?? stem, language: language) }
                }
            case .regex:
                break
            }
            for request in wanted where seen.insert(request).inserted { requests.append(request) }
        }
        for profile in profiles {
            let language = Language(profileLanguage: profile.language)
            for topic in profile.topics {
                let stem = topic.stem ?? profile.stem
                for term in topic.terms { note(term, stem: stem, language: language) }
                for entry in topic.all {
                    for term in entry.terms { note(term, stem: stem, language: language) }
                }
                for term in topic.none { note(term, stem: stem, language: language) }
            }
            for term in profile.exclusions { note(term, stem: profile.stem, language: language) }
        }
        return requests
    }

    /// The plan of each request, worked out on up to `workers` cores, each taking a contiguous share.
    private static func plans(for requests: [UnitRequest], workers: Int, stemmers: StemmerPool) -> [UnitRequest: UnitPlan?] {
        let workers = max(1, min(workers, requests.count / requestsPerWorker))
        var planned: [UnitPlan?] = []
        if workers == 1 {
            planned = requests.map { plan($0, stemmers: stemmers) }
        } else {
            let shares = Mutex<[[UnitPlan?]]>(Array(repeating: [], count: workers))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let share = requests[(requests.count * worker / workers)..<(requests.count * (worker + 1) / workers)]
                let plans = share.map { plan($0, stemmers: stemmers) }
                shares.withLock { $0[worker] = plans }
            }
            planned = shares.withLock { $0.flatMap { $0 } }
        }
        var plans: [UnitRequest: UnitPlan?] = [:]
        plans.reserveCapacity(requests.count)
        for (request, plan) in zip(requests, planned) { plans[request] = plan }
        return plans
    }

    /// The head of the topic at `position` in the profile at `profile`.
    func topicHead(profile: Int, position: Int) -> TopicHead {
        topicHeads[Int(topicStarts[profile]) + position]
    }

    /// The terms that use `unit`, increasing.
    func terms(ofUnit unit: Int) -> ArraySlice<Int32> {
        unitTermList[Int(unitTermStarts[unit])..<Int(unitTermStarts[unit + 1])]
    }

    private mutating func add(_ profile: Profile, index: Int) -> CompiledProfile {
        let language = Language(profileLanguage: profile.language)
        let base = Context(profile: index, topic: nil, language: language, stem: profile.stem, fields: nil, construct: nil)
        profileIDs.append(profile.id)
        topicStarts.append(Int32(topicHeads.count))
        topicHeads += profile.topics.map { TopicHead(name: $0.name, weight: $0.weight, hasAny: !$0.terms.isEmpty, allCount: $0.all.count) }
        let topics = profile.topics.enumerated().map { position, topic in
            var context = base
            context.topic = position
            context.stem = topic.stem ?? base.stem
            context.fields = topic.fields
            context.construct = { term, inAll in TermConstruct(term, inAll: inAll, topic: topic, profile: profile) }
            return CompiledTopic(
                name: topic.name, weight: topic.weight,
                any: topic.terms.map { add($0, in: context, as: .any) },
                all: topic.all.enumerated().map { choice, entry in entry.terms.map { add($0, in: context, as: .all(choice)) } },
                allLabels: topic.all.map(\.label),
                none: topic.none.map { add($0, in: context, as: .none) })
        }
        let exclusions = profile.exclusions.map { add($0, in: base, as: .exclusion) }
        return CompiledProfile(profile: profile, topics: topics, exclusions: exclusions)
    }

    private mutating func add(_ term: Term, in context: Context, as role: TermPlace.Role) -> Int {
        let termIndex = terms.count
        let fieldSet = FieldSet(term.fields ?? context.fields ?? ItemField.defaults)
        if term.fields?.contains(.source) == true || context.fields?.contains(.source) == true { searchesSource = true }
        let stem = term.stem ?? context.stem
        let body: CompiledTerm.Body
        switch term.kind {
        case .words:
            body = unit(for: term.text, stem: stem, context: context).map { .unit($0) } ?? .never
        case .regex:
            if let regex = try? BoundedRegex(term.text) {
                regexes.append((regex, fieldSet))
                regexTerms.append(termIndex)
                body = .regex(regexes.count - 1)
            } else {
                body = .never
            }
        case .near(let proximity):
            let members = proximity.members.map { member in
                member.terms.compactMap { alternative in
                    unit(for: alternative.text, stem: alternative.stem ?? stem, context: context)
                }
            }
            body = members.contains(where: \.isEmpty) ? .never
                : .near(members: members, within: proximity.within, ordered: proximity.ordered)
        }
        switch body {
        case .unit(let unit):
            unitTerms[unit].append(termIndex)
        case .near(let members, _, _):
            for unit in members.joined() where unitTerms[unit].last != termIndex { unitTerms[unit].append(termIndex) }
        case .regex, .never:
            break
        }
        let construct = context.construct?(term, role != .any)
        terms.append(CompiledTerm(term: term, body: body, fields: fieldSet, construct: construct))
        var wordsUnit: Int32 = -1
        if case .unit(let number) = body { wordsUnit = Int32(number) }
        places.append(TermPlace(
            profile: context.profile, topic: context.topic, role: role, unit: wordsUnit, fields: fieldSet, term: term,
            earns: construct != nil))
        return termIndex
    }

    /// The trie unit of `text`, shared by every term with the same words compared the same way; nil when
    /// the text cannot match.
    private mutating func unit(for text: String, stem: Bool?, context: Context) -> Int? {
        let request = UnitRequest(text: text, stem: stem, language: context.language)
        if let known = requestUnits[request] { return known }
        // Every request is planned before; planned here, one the walk of the profiles missed would still compile.
        guard let plan = plans[request] ?? Self.plan(request, stemmers: stemmers ?? StemmerPool()) else {
            requestUnits[request] = .some(nil)
            return nil
        }
        let unit: Int
        if let existing = units[plan.key] {
            unit = existing
        } else {
            unit = unitTerms.count
            units[plan.key] = unit
            unitTerms.append([])
            unitLanguages.append(plan.key.language)
            insert(plan, as: unit)
        }
        if let language = plan.key.language, !stemLanguages.contains(language) { stemLanguages.append(language) }
        requestUnits[request] = unit
        return unit
    }

    /// What the words of `request` compile to; nil when they cannot match.
    private static func plan(_ request: UnitRequest, stemmers: StemmerPool) -> UnitPlan? {
        let text = request.text
        guard WordPattern.problem(in: text) == nil else { return nil }
        let tokens = Tokenizer.tokens(text)
        guard !tokens.isEmpty else { return nil }
        let starred = tokens.map { Self.endsWithStar($0, in: text) }
        // By default only a single word (a hyphenated compound is one) written in lowercase is stemmed: a
        // phrase is meant as written, and a name written with a capital ("Lattes", "CNR") must not find
        // another word ("latte", "CNRS").
        let oneWord = tokens.dropFirst().allSatisfy { $0.flags.contains(.hyphenatedToPrevious) }
        let stems = request.stem ?? (oneWord && !starred.contains(true) && !Self.startsWithCapital(text))
        let language = stems ? request.language : nil
        let words = zip(tokens, starred).map { token, star in
            token.caseFolded + (star ? "*" : "") + (token.flags.contains(.hyphenatedToNext) ? "-" : "")
        }
        // Every key sequence of the tokens: folded, or stemmed in each language.
        let forms: [KeyForm] = language != nil ? Language.allCases.map { .stemmed($0) } : [.folded]
        let sequences = forms.map { form in
            let edges: [[PlannedEdge]] = stemmers.withStemmer(form.language ?? .french) { stemmer in
                let stemmer = form.language == nil ? nil : stemmer
                guard starred.contains(true) else {
                    // Each distinct term is planned once: a cache of its words' stems, per worker and
                    // language, would cost memory for few hits.
                    return MatchKeys.termSequences(tokens, stemmer: stemmer, cached: false).map { keys in keys.map { .key($0) } }
                }
                // A star ends a word where the term's words are written, so a starred term has one sequence.
                let keys = MatchKeys(tokens: tokens, stemmer: stemmer).keys
                return [zip(tokens, zip(keys, starred)).map { token, keyed in keyed.1 ? .prefix(token.text) : .key(keyed.0) }]
            }
            return (form, edges)
        }
        return UnitPlan(key: UnitKey(words: words, language: language), sequences: sequences)
    }

    /// Inserts every key sequence of a plan, numbering its keys in order.
    private mutating func insert(_ plan: UnitPlan, as unit: Int) {
        for (form, sequences) in plan.sequences {
            for sequence in sequences {
                let edges = sequence.map { edge -> TokenTrie.Edge in
                    switch edge {
                    case .key(let key): .key(vocabulary.make(key, form: form))
                    case .prefix(let prefix): .prefix(prefix)
                    }
                }
                trie.insert(edges, output: unit)
            }
        }
    }

    /// Whether a star follows `token` in the term it was read from (`cyber*`).
    private static func endsWithStar(_ token: Token, in text: String) -> Bool {
        token.range.upperBound < text.endIndex && text[token.range.upperBound] == "*"
    }

    /// Whether the first letter of `text` is a capital: how names and acronyms are written.
    private static func startsWithCapital(_ text: String) -> Bool {
        text.unicodeScalars.first(where: \.properties.isAlphabetic)?.properties.isUppercase == true
    }
}
