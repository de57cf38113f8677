import Configuration
import Foundation
import Testing

/// `veilleur check` reports every mistake in the profile language at its file:line:col, with a hint.
@Suite("Profile language errors")
struct ProfileLanguageErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var what: String
        /// The lines of one topic, after `- name: T`.
        var topic: String
        var vocabularies: [String: String] = [:]
        var language = "fr"
        /// `line:col: message` of each issue of the profile file.
        var issues: [String]

        var testDescription: String { what }
    }

    static let cases: [Case] = [
        Case(what: "a lone star can never match", topic: #"any: ["*"]"#, issues: [
            "5:12: the term '*' is a star alone, which can never match; a star ends a word of at least 3 letters, as in 'cyber*'",
        ]),
        Case(what: "a wildcard with too short a stem", topic: "any: [export, cy*]", issues: [
            "5:19: the wildcard 'cy*' has 2 letters before its star; give it at least 3 so that it does not match most words",
        ]),
        Case(what: "a star at the start of a word", topic: "any: [\"*cyber\"]", issues: [
            "5:12: a star can only end a word, as in 'cyber*'; veilleur has no suffix or infix wildcard",
        ]),
        Case(what: "a star inside a word", topic: "any: [cy*ber]", issues: [
            "5:13: a star can only end a word, as in 'cyber*'; for more control use {regex: ...}",
        ]),
        Case(what: "a term with no word in it", topic: #"any: [port, "—"]"#, issues: [
            "5:17: the term '—' has no letter or digit, so it can never match; write a word",
        ]),
        Case(what: "an unknown vocabulary close to a known one", topic: "any: [$comunes]",
             vocabularies: ["communes": "terms: [Lattes]"], issues: [
                 "5:11: unknown vocabulary 'comunes'; did you mean 'communes'?",
             ]),
        Case(what: "an unknown vocabulary far from any", topic: "any: [{vocabulary: concurrents}]", issues: [
            "5:24: unknown vocabulary 'concurrents'; create vocabularies/concurrents.yaml, or write {term: \"$concurrents\"} for the text itself",
        ]),
        Case(what: "a regular expression that does not compile, located at the offending character", topic: "any: [{regex: 'h(2|ydrog'}]", issues: [
            "5:21: invalid regular expression: missing ')' to close the group",
        ]),
        Case(what: "a regular expression with a backreference", topic: #"any: [{regex: '(a)\1'}]"#, issues: [
            "5:23: invalid regular expression: backreferences are not supported: they cannot be matched in bounded time",
        ]),
        Case(what: "a regular expression that matches the empty text", topic: "any: [{regex: 'a*'}]", issues: [
            "5:19: the regular expression can match an empty text, so it would match every item; make it require at least one character",
        ]),
        Case(what: "a regular expression too large once its counts are spelled out", topic: "any: [{regex: '(abcdef){50}'}]", issues: [
            "5:19: the regular expression is too large once its repetitions are spelled out (more than 256 steps); shorten it or lower its counts",
        ]),
        Case(what: "a lookahead", topic: "any: [{regex: 'a(?=b)'}]", issues: [
            "5:21: invalid regular expression: lookarounds, named groups and inline flags are not supported; use (…) or (?:…)",
        ]),
        Case(what: "an unknown escape", topic: #"any: [{regex: 'a\qb'}]"#, issues: [
            "5:21: invalid regular expression: unknown escape '\\q'",
        ]),
        Case(what: "a backwards range", topic: "any: [{regex: '[z-a]'}]", issues: [
            "5:21: invalid regular expression: the range 'z-a' goes backwards",
        ]),
        Case(what: "a count past the bound", topic: "any: [{regex: 'a{1,500}'}]", issues: [
            "5:21: invalid regular expression: a count is at most 100",
        ]),
        Case(what: "stem on a regular expression", topic: "any: [{regex: 'h2', stem: true}]", issues: [
            "5:31: 'stem' does not apply to a regular expression: write the endings it accepts",
        ]),
        Case(what: "near with one member", topic: "any: [{near: [hydrogène], within: 3}]", issues: [
            "5:18: near takes 2 to 8 terms, found 1",
        ]),
        Case(what: "near without within", topic: "any: [{near: [hydrogène, mobilité]}]", issues: [
            "5:11: missing key 'within'",
        ]),
        Case(what: "near with too wide a window", topic: "any: [{near: [hydrogène, mobilité], within: 500}]", issues: [
            "5:49: within must be at most 50 words, found 500",
        ]),
        Case(what: "within without near", topic: "any: [{term: hydrogène, within: 3}]", issues: [
            "5:37: 'within' only applies to 'near'",
        ]),
        Case(what: "a term mapping with two kinds", topic: "any: [{term: a, regex: b}]", issues: [
            "5:11: a term mapping has one of 'term', 'regex', 'near' or 'vocabulary', not 'term' and 'regex'",
        ]),
        Case(what: "a regex in phrases", topic: "phrases: [{regex: abc}]", issues: [
            "5:23: phrases hold words only; move this 'regex' entry to 'any', 'all' or 'none'",
        ]),
        Case(what: "an unknown field with a suggestion", topic: "fields: [titel]\nany: [a]", issues: [
            "5:14: unknown field 'titel'; did you mean 'title'?",
        ]),
        Case(what: "stem in a language without stemmer", topic: "stem: true\nany: [a]", language: "de", issues: [
            "5:11: stemming is not available for language 'de'; veilleur stems fr and en (remove 'stem: true')",
        ]),
        Case(what: "stem that is not a boolean", topic: "any: [{term: a, stem: oui}]", issues: [
            "5:27: expected true or false, found 'oui'",
        ]),
        Case(what: "a topic with only none", topic: "none: [horoscope]", issues: [
            "4:5: topic 'T' is empty; give it keywords (or any), phrases or all",
        ]),
        Case(what: "a typo in a topic key", topic: "non: [horoscope]\nany: [a]", issues: [
            "5:5: unknown key 'non'; did you mean 'none'?",
        ]),
    ]

    @Test("Mistakes are reported at their file:line:col with a hint", arguments: cases)
    func mistakes(_ testCase: Case) throws {
        var files = [
            "sources.yaml": twoSources,
            "profiles/p.yaml": "kind: cluster\nlanguage: \(testCase.language)\ntopics:\n  - name: T\n"
                + testCase.topic.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n",
        ]
        for (name, text) in testCase.vocabularies { files["vocabularies/\(name).yaml"] = text }
        let folder = try ConfigFolder(files: files, folders: ["profiles", "vocabularies"])
        let path = folder.path("profiles/p.yaml")
        #expect(issues(folder) == testCase.issues.map { "\(path):\($0)" })
    }

    private func issues(_ folder: borrowing ConfigFolder) -> [String] {
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }
}
