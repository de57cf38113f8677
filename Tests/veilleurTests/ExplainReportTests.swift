import Foundation
import Matching
import Model
import Storage
import Testing
@testable import veilleur

/// `explain` names how every term that earned points is written, the topics set aside, and each factor
/// from the sum to the normalised score and the threshold.
@Suite("Explain reports")
struct ExplainReportTests {
    static let profile = Profile(
        id: "h2", kind: .filiere, minScore: 2, topics: [
            Topic(name: "Mobilité", weight: 2, terms: [
                .near([TermChoice(Term(text: "hydrogène")), TermChoice(Term(text: "camion"))], within: 3, ordered: true),
                Term(text: "électro*", stem: false),
                Term(text: #"\bh2\b"#, kind: .regex, fields: [.title]),
                Term(text: "Lhyfe", weight: 1.5, vocabulary: "acteurs"),
            ]),
            Topic(name: "Horoscope", terms: [Term(text: "hydrogène")], none: [Term(text: "astres")]),
        ])
    static let item = FeedItem(
        id: "g", title: "Hydrogène pour camion : Lhyfe et le H2", published: Date(timeIntervalSince1970: 1_800_000_000),
        summaryText: "Des électrolyseurs ; les astres")
    static let stored = StoredItem(id: 7, source: "presse", item: item, firstSeenAt: Date(timeIntervalSince1970: 1_800_000_000 + 9 * 86_400))

    static func evaluation() throws -> Evaluation {
        try #require(Matcher(profiles: [profile]).evaluate(item, source: nil, matchedAt: stored.firstSeenAt).first)
    }

    @Test("The report shows each construct, the topics set aside, the factors, the reference and the threshold")
    func humanReport() throws {
        let report = ExplainCommand.report(stored: Self.stored, profile: Self.profile, evaluation: try Self.evaluation())
        let lines = report.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Mobilité") && $0.contains("hydrogène PRE/3 camion") && $0.hasSuffix("any, near 3 words, in order") })
        #expect(lines.contains { $0.contains("électro*") && $0.hasSuffix("any, prefix, stem off") })
        #expect(lines.contains { $0.contains(#"/\bh2\b/"#) && $0.hasSuffix("any, regex, in title") })
        #expect(lines.contains { $0.contains("Lhyfe") && $0.hasSuffix("any, $acteurs") })
        #expect(lines.contains("set aside: topic 'Horoscope', its none term 'astres' is in the item"))
        #expect(lines.contains("  dated 2027-01-15T08:00:00Z, first seen 2027-01-24T08:00:00Z"))
        #expect(lines.contains("profile h2 (h2), threshold 18.18 (min_score 2.00 in points)"))
        #expect(lines.contains("sum 24.00 × source weight 1.00 × recency 0.50 = points 12.00"))
        #expect(lines.contains("score = 100·x/(x+1) with x = points / reference 9.00 (the strongest term once in its best field) = 57.14"))
        #expect(lines.last == "alerted: 57.14 ≥ 18.18")
    }

    @Test("The JSON carries the same evidence under veilleur.explain/2")
    func jsonReport() throws {
        let rendered = ExplainJSON(stored: Self.stored, profile: Self.profile, evaluation: try Self.evaluation()).value.rendered
        let report = try JSONOutputTests.conforming(rendered + "\n", to: JSONOutputTests.explainShape)
        let near = report["contributions"]?.array?.first { $0["kind"]?.string == "near" }
        #expect(near?["within"]?.number == 3)
        #expect(near?["ordered"] == .bool(true))
        let vocabulary = report["contributions"]?.array?.first { $0["vocabulary"]?.string == "acteurs" }
        #expect(vocabulary?["term"]?.string == "Lhyfe")
        #expect(report["set_aside"]?.array?.first?["reason"]?.string == "excluded_by")
        #expect(report["recency"]?.number == 0.5)
        #expect(report["reference"]?.number == 9)
        #expect(report["threshold"]?.number == 18.182)
        #expect(report["profile"]?["min_score"]?.number == 2)
        #expect(report["verdict"]?.string == "alerted")
    }
}
