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
}
