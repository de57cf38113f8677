import TextNormalization
import Model
import Yams

/// Reads the term lists of a profile (`keywords`, `any`, `phrases`, `all`, `none`, `exclude`) and of a
/// vocabulary file, expanding vocabulary references and reporting every term that can never match.
///
/// An entry is a string (words, `cyber*` prefixes, or `$name` for a vocabulary) or a mapping with one of
/// `term`, `regex`, `near` or `vocabulary`, and optionally `weight`, `stem` and `fields`.
struct TermReader {
    /// Which list is read, for what its entries may be.
    enum List {
        /// `keywords`, `any`, `none`, `exclude`.
        case terms
        /// `phrases`: words only.
        case phrases
        /// The `terms` of a vocabulary file: words only, no reference to another vocabulary.
        case vocabulary
    }

    /// One entry of a list: a term, or a vocabulary's terms.
    private enum Entry {
        case term(Term)
        case vocabulary(label: String, terms: [Term])

        var terms: [Term] {
            switch self {
            case .term(let term): [term]
            case .vocabulary(_, let terms): terms
            }
        }
    }

    /// Largest proximity window, in words.
    static let maximumWithin = 50
    /// Most members of a proximity group.
    static let maximumNearMembers = 8

    private static let mappingKeys = ["term", "regex", "near", "vocabulary", "weight", "stem", "fields", "within", "ordered"]
    private static let memberKeys = ["term", "stem"]

    let vocabularies: [String: Vocabulary]
    /// The profile's language, for messages about stemming.
    let language: String
    /// Whether veilleur stems words in the profile's language.
    let stemmable: Bool
    var budget: TermBudget

    /// The terms of a list, vocabularies expanded in place.
    mutating func terms(_ node: Node, list: List, with reader: inout YAMLReader) -> [Term] {
        guard let items = reader.list(node) else { return [] }
        return items.flatMap { entry($0, list: list, with: &reader)?.terms ?? [] }
    }

    /// The entries of an `all` list: each term is one entry, and so is each vocabulary, found when any of its
    /// terms is.
    mutating func choices(_ node: Node, with reader: inout YAMLReader) -> [TermChoice] {
        guard let items = reader.list(node) else { return [] }
        return items.compactMap { item in
            switch entry(item, list: .terms, with: &reader) {
            case .term(let term): TermChoice(term)
            case .vocabulary(let label, let terms): terms.isEmpty ? nil : TermChoice(label: label, terms: terms)
            case nil: nil
            }
        }
    }

    /// A `stem` value, refused where the profile's language has no stemmer.
    mutating func stem(_ node: Node, with reader: inout YAMLReader) -> Bool? {
        guard let value = reader.boolean(node) else { return nil }
        if value, !stemmable {
            reader.report(
                "stemming is not available for language '\(language)'; veilleur stems fr and en (remove 'stem: true')", at: node)
            return nil
        }
        return value
    }

    /// A `fields` list: names among title, summary, content, categories, source.
    static func fields(_ node: Node, with reader: inout YAMLReader) -> Set<ItemField>? {
        let names = ItemField.allCases.map(\.rawValue)
        guard let list = reader.list(node) else { return nil }
        guard !list.isEmpty else {
            reader.report("fields is empty; name at least one of: \(names.joined(separator: ", "))", at: node)
            return nil
        }
        let items = reader.stringList(node, what: "field name")
        var fields: Set<ItemField> = []
        for (name, nameNode) in items {
            guard let field = ItemField(rawValue: name.lowercased()) else {
                var message = "unknown field '\(name)'"
                if let suggestion = Suggestion.closest(to: name, among: names) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of: \(names.joined(separator: ", "))"
                }
                reader.report(message, at: nameNode)
                continue
            }
            fields.insert(field)
        }
        return fields.isEmpty ? nil : fields
    }

    // MARK: Entries

    private mutating func entry(_ node: Node, list: List, with reader: inout YAMLReader) -> Entry? {
        if case .mapping = node { return mappingEntry(node, list: list, with: &reader) }
        guard case .scalar = node, !YAMLReader.isNull(node) else {
            reader.report("expected a term (a string or a mapping such as {term, weight}), found \(YAMLReader.describe(node))", at: node)
            return nil
        }
        guard let text = reader.nonEmptyString(node, what: "term") else { return nil }
        if text.hasPrefix("$") {
            guard list != .vocabulary else {
                reader.report("a vocabulary cannot use another vocabulary; list the terms, or write {term: \"\(text)\"} for the text itself", at: node)
                return nil
            }
            return vocabulary(String(text.dropFirst()), at: node, weight: nil, stem: nil, fields: nil, isPhrase: list == .phrases, with: &reader)
        }
        return words(text, at: node, isPhrase: list == .phrases, with: &reader).map { .term($0) }
    }

    private mutating func mappingEntry(_ node: Node, list: List, with reader: inout YAMLReader) -> Entry? {
        guard let fields = reader.fields(of: node, allowed: Self.mappingKeys, what: "a term mapping") else { return nil }
        let kinds = ["term", "regex", "near", "vocabulary"].filter { fields.values[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            let message = kinds.isEmpty
                ? "a term mapping needs one of 'term', 'regex', 'near' or 'vocabulary'"
                : "a term mapping has one of 'term', 'regex', 'near' or 'vocabulary', not \(kinds.map { "'\($0)'" }.joined(separator: " and "))"
            reader.report(message, at: node)
            return nil
        }
        let wordsOnly = (list == .phrases && (kind == "regex" || kind == "near")) || (list == .vocabulary && kind != "term")
        if wordsOnly {
            let place = list == .phrases ? "phrases hold words only" : "a vocabulary holds words only"
            reader.report("\(place); move this '\(kind)' entry to 'any', 'all' or 'none'", at: fields.values[kind] ?? node)
            return nil
        }
        for key in ["within", "ordered"] where kind != "near" {
            if let keyNode = fields.values[key] { reader.report("'\(key)' only applies to 'near'", at: keyNode) }
        }

        let weight = fields["weight"].flatMap { reader.positiveNumber($0, what: "weight", atMost: Limits.maximumWeight) }
        let stemNode = fields["stem"]
        var stem = stemNode.flatMap { self.stem($0, with: &reader) }
        if kind == "regex", let stemNode {
            reader.report("'stem' does not apply to a regular expression: write the endings it accepts", at: stemNode)
            stem = nil
        }
        let targets = fields["fields"].flatMap { Self.fields($0, with: &reader) }
        guard let valueNode = fields[kind] else {
            reader.report("'\(kind)' is empty", at: node)
            return nil
        }

        switch kind {
        case "vocabulary":
            guard let name = reader.nonEmptyString(valueNode, what: "vocabulary name") else { return nil }
            return vocabulary(name, at: valueNode, weight: weight, stem: stem, fields: targets, isPhrase: list == .phrases, with: &reader)
        case "regex":
            guard let pattern = reader.nonEmptyString(valueNode, what: "regular expression") else { return nil }
            let term = Term(text: pattern, weight: weight ?? 1, location: reader.location(of: node), kind: .regex, fields: targets)
            if let problem = TermCheck.problem(with: term) {
                reader.report(problem.message, at: valueNode, offset: problem.offset)
                return nil
            }
            return take(term, count: 1, at: node, with: &reader)
        case "near":
            let within = reader.require("within", in: fields).flatMap { reader.integer($0, atLeast: 0, what: "within") }
            if let within, within > Self.maximumWithin, let withinNode = fields["within"] {
                reader.report("within must be at most \(Self.maximumWithin) words, found \(within)", at: withinNode)
                return nil
            }
            let ordered = fields["ordered"].flatMap { reader.boolean($0) } ?? false
            let members = nearMembers(valueNode, with: &reader)
            guard let within, let members else { return nil }
            let term = Term.near(
                members, within: within, ordered: ordered, weight: weight ?? 1, location: reader.location(of: node),
                stem: stem, fields: targets)
            return take(term, count: 1 + members.reduce(0) { $0 + $1.terms.count }, at: node, with: &reader)
        default:
            guard let text = reader.nonEmptyString(valueNode, what: "term"),
                  var term = words(text, at: valueNode, isPhrase: list == .phrases, count: false, with: &reader)
            else { return nil }
            term.weight = weight ?? 1
            term.stem = stem
            term.fields = targets
            term.location = reader.location(of: node)
            return take(term, count: 1, at: node, with: &reader)
        }
    }

    /// The members of `near`: words, `$vocabulary`, or `{term, stem}`; two to ``maximumNearMembers``.
    private mutating func nearMembers(_ node: Node, with reader: inout YAMLReader) -> [TermChoice]? {
        guard let items = reader.list(node) else { return nil }
        guard (2...Self.maximumNearMembers).contains(items.count) else {
            reader.report("near takes 2 to \(Self.maximumNearMembers) terms, found \(items.count)", at: node)
            return nil
        }
        var members: [TermChoice] = []
        var valid = true
        for item in items {
            var text: String?, stem: Bool?, textNode = item
            if case .mapping = item {
                guard let fields = reader.fields(of: item, allowed: Self.memberKeys, what: "a near member {term, stem}") else {
                    valid = false
                    continue
                }
                textNode = reader.require("term", in: fields) ?? item
                text = fields["term"].flatMap { reader.nonEmptyString($0, what: "term") }
                stem = fields["stem"].flatMap { self.stem($0, with: &reader) }
            } else {
                text = reader.nonEmptyString(item, what: "term")
            }
            guard let text else {
                valid = false
                continue
            }
            if text.hasPrefix("$"), stem == nil {
                let name = String(text.dropFirst())
                guard let terms = vocabularyTerms(name, at: textNode, with: &reader) else {
                    valid = false
                    continue
                }
                members.append(TermChoice(label: text, terms: terms.map { Self.referenced($0, from: name, weight: nil, stem: nil, fields: nil, isPhrase: false) }))
                continue
            }
            guard var term = words(text, at: textNode, isPhrase: false, count: false, with: &reader) else {
                valid = false
                continue
            }
            term.stem = stem
            members.append(TermChoice(term))
        }
        return valid ? members : nil
    }

    /// A words term, checked; counted in the budget unless the caller counts it.
    private mutating func words(
        _ text: String, at node: Node, isPhrase: Bool, count: Bool = true, with reader: inout YAMLReader
    ) -> Term? {
        let term = Term(text: text, isPhrase: isPhrase, location: reader.location(of: node))
        if let problem = TermCheck.problem(with: term) {
            reader.report(problem.message, at: node, offset: problem.offset)
            return nil
        }
        return count ? take(term, count: 1, at: node, with: &reader).map { _ in term } : term
    }

    private mutating func take(_ term: Term, count: Int, at node: Node, with reader: inout YAMLReader) -> Entry? {
        budget.take(count, at: node, with: &reader) ? .term(term) : nil
    }

    // MARK: Vocabularies

    private mutating func vocabulary(
        _ name: String, at node: Node, weight: Double?, stem: Bool?, fields: Set<ItemField>?, isPhrase: Bool,
        with reader: inout YAMLReader
    ) -> Entry? {
        guard let terms = vocabularyTerms(name, at: node, with: &reader) else { return nil }
        if stem == nil, !stemmable, terms.contains(where: { $0.stem == true }) {
            reader.report(
                "vocabulary '\(name)' asks for stemming, which veilleur does not do for language '\(language)'; add 'stem: false' to the reference",
                at: node)
            return nil
        }
        guard budget.take(terms.count, at: node, with: &reader) else { return nil }
        let expanded = terms.map { Self.referenced($0, from: name, weight: weight, stem: stem, fields: fields, isPhrase: isPhrase) }
        return .vocabulary(label: "$\(name)", terms: expanded)
    }

    /// The terms of a vocabulary, or nil (reported) when no file declares it.
    private func vocabularyTerms(_ name: String, at node: Node, with reader: inout YAMLReader) -> [Term]? {
        if let vocabulary = vocabularies[name] { return vocabulary.terms }
        var message = "unknown vocabulary '\(name)'"
        if let suggestion = Suggestion.closest(to: name, among: Array(vocabularies.keys)) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; create vocabularies/\(name).yaml, or write {term: \"$\(name)\"} for the text itself"
        }
        reader.report(message, at: node)
        return nil
    }

    /// A vocabulary term as used by a reference: the reference's weight multiplies the term's, its stem and
    /// fields replace the term's when given.
    private static func referenced(
        _ term: Term, from name: String, weight: Double?, stem: Bool?, fields: Set<ItemField>?, isPhrase: Bool
    ) -> Term {
        var used = term
        used.weight *= weight ?? 1
        used.stem = stem ?? term.stem
        used.fields = fields ?? term.fields
        used.isPhrase = isPhrase
        used.vocabulary = name
        return used
    }
}
