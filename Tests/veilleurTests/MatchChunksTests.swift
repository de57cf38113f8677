import Matching
import Model
import Testing
@testable import veilleur

@Suite("Match chunks")
struct MatchChunksTests {
    static let matcher = Matcher(profiles: [
        Profile(id: "h2", kind: .cluster, minScore: 1, topics: [Topic(name: "H2", terms: [Term(text: "hydrogène")])]),
        Profile(id: "mer", kind: .cluster, minScore: 1, topics: [Topic(name: "Mer", terms: [Term(text: "éolien")])]),
    ])

    /// Lines of several chunks: items for one profile, the other, both or none, blank lines and broken lines.
    static let lines: [Substring] = (0..<(MatchChunks.chunkLines * 5 + 17)).map { number in
        switch number % 7 {
        case 0: #"{"id": "i\#(number)", "title": "L'hydrogène vert"}"#
        case 1: #"{"id": "i\#(number)", "title": "Parc éolien et hydrogène"}"#
        case 2: #"{"id": "i\#(number)", "content_text": "Un éolien en mer"}"#
        case 3: ""
        case 4: "not json \(number)"
        default: #"{"id": "i\#(number)", "title": "Rien à voir"}"#
        }
    }

    static func run(workers: Int) -> (output: String, errors: [String]) {
        var output: [UInt8] = [], errors: [String] = []
        MatchChunks(matcher: matcher, inputName: "items.jsonl", workers: workers).run(lines) { result in
            output += result.output
            errors += result.errors
        }
        return (String(decoding: output, as: UTF8.self), errors)
    }

    @Test("Chunks matched on several cores print what one core prints, in input order")
    func parallelOutputIsTheSequentialOutput() {
        let sequential = Self.run(workers: 1)
        let parallel = Self.run(workers: 4)
        #expect(parallel.output == sequential.output)
        #expect(parallel.errors == sequential.errors)
        let ids = sequential.output.split(separator: "\n").compactMap { line in
            line.firstRange(of: #""id":"i"#).map { Int(line[$0.upperBound...].prefix { $0.isNumber })! }
        }
        #expect(ids.count == (0..<Self.lines.count).reduce(0) { $0 + [1, 2, 1, 0, 0, 0, 0][$1 % 7] })
        #expect(ids == ids.sorted())
    }

    @Test("Every line that is not an item is reported once, with its line number, in order")
    func brokenLinesAreReportedInOrder() {
        let errors = Self.run(workers: 3).errors
        let wanted = Self.lines.indices.filter { $0 % 7 == 4 }.map { "items.jsonl:\($0 + 1):1: not an item:" }
        #expect(errors.count == wanted.count)
        #expect(zip(errors, wanted).allSatisfy { $0.hasPrefix($1) })
    }

    @Test("A match's line is the JSON object of its fields, escaped as every output escapes, hostile names included")
    func linesAreTheJSONObjectOfTheirFields() throws {
        let hostile = "q\"uote\\ \u{7}bell \u{202E}rtl \u{2028}line é"
        let matcher = Matcher(profiles: [
            Profile(id: "p\"\u{1B}[31m", kind: .cluster, minScore: 1, topics: [
                Topic(name: hostile, terms: [Term(text: "hydrogène"), Term(text: "éolien", weight: 2)]),
                Topic(name: "Mer", terms: [Term(text: "port")]),
            ]),
            Profile(id: "plain", kind: .cluster, minScore: 1, topics: [Topic(name: "H2", terms: [Term(text: "hydrogène")])]),
        ])
        let lines: [Substring] = [
            #"{"id": "a\"b\u202e", "link": "https://x.example/\u0007", "title": "Hydrogène, éolien et port"}"#,
            #"{"link": "https://y.example/", "content_text": "Un port sans hydrogène"}"#,
            #"{"title": "Rien"}"#,
        ]
        var output: [UInt8] = []
        MatchChunks(matcher: matcher, inputName: "items.jsonl", workers: 1).run(lines) { output += $0.output }
        var wanted: [UInt8] = []
        for line in lines {
            let item = try ItemLine.parse(line)
            for match in matcher.matches(for: item, source: nil, withSurfaces: false) {
                JSONValue.object([
                    ("profile", .string(match.profile)),
                    ("id", .optional(item.id ?? item.link)),
                    ("link", .optional(item.link)),
                    ("score", .measure(match.score)),
                    ("topics", .array(match.topics.map(JSONValue.string))),
                    ("terms", .array(match.terms.map(JSONValue.string))),
                ]).write(to: &wanted)
                wanted.append(UInt8(ascii: "\n"))
            }
        }
        #expect(output == wanted)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.split(separator: "\n").count == 4)
        #expect(!text.contains("\u{202E}") && !text.contains("\u{1B}") && !text.contains("\u{7}"))
    }
}
