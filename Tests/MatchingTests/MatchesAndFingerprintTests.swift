import Configuration
import Foundation
import Matching
import Model
import SeededRandom
import Testing
import TextNormalization

/// The crawl's one reading of an item gives its matches and its near-duplicate fingerprint: the same as
/// matching it alone and fingerprinting its texts.
@Suite("Matches and fingerprint from one reading")
struct MatchesAndFingerprintTests {
    static let words = [
        "hydrogène", "Hydrogènes", "électrolyseur", "l'industrie", "d’usines", "qu'il", "R & D", "R&D", "e-commerce", "e commerce",
        "start-up", "PME", "IA", "Italia", "2024", "1\u{A0}000", "pôle", "po\u{302}le", "compétitivité", "appel", "à", "projets", "de", "la",
        "territoire", "Europe's", "aujourd'hui", "—", ",", ".", "«", "»", "🚀", "ﬁnance", "Straße",
    ]

    private static func text(_ count: Int, _ random: inout SplitMix) -> String {
        (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
    }

    @Test("Items of every length, with and without summary, title or categories, get the matches and fingerprint of each alone")
    func oneReading() throws {
        let profiles = try ProfileSnippet.load([
            ProfileSnippet(topic: "any: [hydrogène, électrolyseur, ecommerce, startup]"),
            ProfileSnippet(topic: "any: [industrie, R&D]\nfields: [title, summary]", language: "en"),
            ProfileSnippet(topic: "phrases: [appel à projets]", profile: "stem: false"),
        ]).profiles
        let matcher = Matcher(profiles: profiles)
        var random = SplitMix(seed: 41)
        var (matched, fingerprinted) = (0, 0)
        for index in 0..<150 {
            // Up to 1,200 words: past the fingerprint's character limit, which it then reads itself.
            let lengths = (0..<3).map { _ in [0, 1, 5, 60, 199, 250, 1_200].randomElement(using: &random)! }
            let item = FeedItem(
                title: lengths[0] == 0 && index % 2 == 0 ? nil : Self.text(min(lengths[0], 90), &random),
                summaryText: lengths[1] == 0 ? nil : Self.text(lengths[1], &random),
                contentText: lengths[2] == 0 ? (index % 3 == 0 ? "" : nil) : Self.text(lengths[2], &random),
                categories: index % 4 == 0 ? ["Hydrogène", "PME"] : [])
            let (matches, fingerprint) = matcher.matchesAndFingerprint(for: item, source: nil)
            #expect(matches == matcher.matches(for: item, source: nil), "item \(index)")
            let expected = NearDuplicateFingerprint(title: item.title, summary: item.summaryText, content: item.contentText)
            #expect(fingerprint == expected, "item \(index): \(lengths)")
            matched += matches.isEmpty ? 0 : 1
            fingerprinted += fingerprint == nil ? 0 : 1
        }
        #expect(matched > 20 && fingerprinted > 20)
    }
}
