import Model
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
    /// The stemmers terms are stemmed with.
    let stemmers = StemmerPool()
    /// The readers of items' keys, with their caches of the words already read.
    let keyReaders = KeyReaderPool()
    private var units: [UnitKey: Int] = [:]

    /// What makes two units the same: the words as written (case-folded, with their joins and stars) and
    /// the language they are stemmed for.
    private struct UnitKey: Hashable {
        var words: [String]
        var language: Language?
    }

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

    init(profiles: [Profile]) {
        for (index, profile) in profiles.enumerated() {
            self.profiles.append(add(profile, index: index))
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
    }

    /// The terms that use `unit`, increasing.
    func terms(ofUnit unit: Int) -> ArraySlice<Int32> {
        unitTermList[Int(unitTermStarts[unit])..<Int(unitTermStarts[unit + 1])]
    }

    private mutating func add(_ profile: Profile, index: Int) -> CompiledProfile {
        let language = Language(profileLanguage: profile.language)
        let base = Context(profile: index, topic: nil, language: language, stem: profile.stem, fields: nil, construct: nil)
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
        places.append(TermPlace(profile: context.profile, topic: context.topic, role: role, unit: wordsUnit, fields: fieldSet))
        return termIndex
    }

    /// The trie unit of `text`, shared by every term with the same words compared the same way; nil when
    /// the text cannot match.
    private mutating func unit(for text: String, stem: Bool?, context: Context) -> Int? {
        guard (try? WordPattern.parse(text)) != nil else { return nil }
        let tokens = Tokenizer.tokens(text)
        guard !tokens.isEmpty else { return nil }
        let starred = tokens.map { Self.endsWithStar($0, in: text) }
        // By default only a single word (a hyphenated compound is one) written in lowercase is stemmed: a
        // phrase is meant as written, and a name written with a capital ("Lattes", "CNR") must not find
        // another word ("latte", "CNRS").
        let oneWord = tokens.dropFirst().allSatisfy { $0.flags.contains(.hyphenatedToPrevious) }
        let stems = stem ?? (oneWord && !starred.contains(true) && !Self.startsWithCapital(text))
        let language = stems ? context.language : nil
        let words = zip(tokens, starred).map { token, star in
            token.caseFolded + (star ? "*" : "") + (token.flags.contains(.hyphenatedToNext) ? "-" : "")
        }
        let key = UnitKey(words: words, language: language)
        let unit: Int
        if let existing = units[key] {
            unit = existing
        } else {
            unit = unitTerms.count
            units[key] = unit
            unitTerms.append([])
            unitLanguages.append(language)
            insert(tokens, starred: starred, stemmed: language != nil, as: unit)
        }
        if let language, !stemLanguages.contains(language) { stemLanguages.append(language) }
        return unit
    }

    /// Inserts every key sequence of a term's tokens: folded, or stemmed in each language.
    private mutating func insert(_ tokens: [Token], starred: [Bool], stemmed: Bool, as unit: Int) {
        let forms: [KeyForm] = stemmed ? Language.allCases.map { .stemmed($0) } : [.folded]
        for form in forms {
            let sequences: [[TokenTrie.Edge]] = stemmers.withStemmer(form.language ?? .french) { stemmer in
                let stemmer = form.language == nil ? nil : stemmer
                guard starred.contains(true) else {
                    return MatchKeys.termSequences(tokens, stemmer: stemmer).map { keys in
                        keys.map { .key(vocabulary.make($0, form: form)) }
                    }
                }
                // A star ends a word where the term's words are written, so a starred term has one sequence.
                let keys = MatchKeys(tokens: tokens, stemmer: stemmer).keys
                return [zip(tokens, zip(keys, starred)).map { token, keyed in
                    keyed.1 ? .prefix(token.text) : .key(vocabulary.make(keyed.0, form: form))
                }]
            }
            for sequence in sequences { trie.insert(sequence, output: unit) }
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
