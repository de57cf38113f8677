import Model
import TextNormalization

/// The terms of every profile compiled into one trie, the regular expressions beside it, and per-profile
/// references to them.
struct MatcherIndex: Sendable {
    private(set) var profiles: [CompiledProfile] = []
    private(set) var trie = TokenTrie()
    private(set) var terms: [CompiledTerm] = []
    private(set) var regexes: [(regex: BoundedRegex, fields: FieldSet)] = []
    /// For each unit, the profiles whose terms use it, so an item's hits name the profiles to evaluate.
    private(set) var unitProfiles: [[Int]] = []
    /// For each regular expression, the profile it belongs to.
    private(set) var regexProfiles: [Int] = []
    /// Units whose positions proximity groups need.
    private(set) var positionedUnits: Set<Int> = []
    /// The stemming languages some unit uses; item tokens get a stem key in each.
    private(set) var languages: [Language] = []
    /// Whether some term searches the source's name and tags.
    private(set) var searchesSource = false
    private var units: [[TokenTrie.Edge]: Int] = [:]

    /// What a term inherits from where it is written: the topic's, then the profile's, settings.
    private struct Context {
        var profile: Int
        var language: Language?
        var stem: Bool?
        var fields: Set<ItemField>?
    }

    init(profiles: [Profile]) {
        for (index, profile) in profiles.enumerated() {
            self.profiles.append(add(profile, index: index))
        }
    }

    private mutating func add(_ profile: Profile, index: Int) -> CompiledProfile {
        let language = Language(profileLanguage: profile.language)
        let base = Context(profile: index, language: language, stem: profile.stem, fields: nil)
        let topics = profile.topics.map { topic in
            var context = base
            context.stem = topic.stem ?? base.stem
            context.fields = topic.fields
            return CompiledTopic(
                name: topic.name, weight: topic.weight,
                any: topic.terms.map { add($0, in: context) },
                all: topic.all.map { choice in choice.terms.map { add($0, in: context) } },
                allLabels: topic.all.map(\.label),
                none: topic.none.map { add($0, in: context) })
        }
        let exclusions = profile.exclusions.map { add($0, in: base) }
        return CompiledProfile(profile: profile, topics: topics, exclusions: exclusions)
    }

    private mutating func add(_ term: Term, in context: Context) -> Int {
        let fieldSet = FieldSet(term.fields ?? context.fields ?? ItemField.defaults)
        if term.fields?.contains(.source) == true || context.fields?.contains(.source) == true { searchesSource = true }
        let stem = term.stem ?? context.stem
        let body: CompiledTerm.Body
        switch term.kind {
        case .words:
            body = unit(for: term.text, stem: stem, context: context, positioned: false).map { .unit($0) } ?? .never
        case .regex:
            if let regex = try? BoundedRegex(term.text) {
                regexes.append((regex, fieldSet))
                regexProfiles.append(context.profile)
                body = .regex(regexes.count - 1)
            } else {
                body = .never
            }
        case .near(let proximity):
            let members = proximity.members.map { member in
                member.terms.compactMap { alternative in
                    unit(for: alternative.text, stem: alternative.stem ?? stem, context: context, positioned: true)
                }
            }
            body = members.contains(where: \.isEmpty) ? .never
                : .near(members: members, within: proximity.within, ordered: proximity.ordered)
        }
        terms.append(CompiledTerm(term: term, body: body, fields: fieldSet))
        return terms.count - 1
    }

    /// The trie unit of `text`, shared by every term with the same words compared the same way; nil when
    /// the text cannot match.
    private mutating func unit(for text: String, stem: Bool?, context: Context, positioned: Bool) -> Int? {
        guard let words = try? WordPattern.parse(text) else { return nil }
        // By default only a single whole word written in lowercase is stemmed: a phrase is meant as written,
        // and a name written with a capital ("Lattes", "CNR") must not find another word ("latte", "CNRS").
        let stems = stem ?? (words.count == 1 && !words[0].isPrefix && !Self.startsWithCapital(text))
        let language = stems ? context.language : nil
        if let language, !languages.contains(language) { languages.append(language) }
        let edges = words.map { word in
            word.isPrefix ? TokenTrie.Edge.prefix(word.text) : .key(MatchKey.make(word.text, stem: language))
        }
        let unit: Int
        if let existing = units[edges] {
            unit = existing
        } else {
            unit = unitProfiles.count
            units[edges] = unit
            unitProfiles.append([])
            trie.insert(edges, output: unit)
        }
        if unitProfiles[unit].last != context.profile { unitProfiles[unit].append(context.profile) }
        if positioned { positionedUnits.insert(unit) }
        return unit
    }

    /// Whether the first letter of `text` is a capital: how names and acronyms are written.
    private static func startsWithCapital(_ text: String) -> Bool {
        text.unicodeScalars.first(where: \.properties.isAlphabetic)?.properties.isUppercase == true
    }
}
