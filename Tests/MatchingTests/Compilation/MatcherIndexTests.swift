import Foundation
import Model
import SeededRandom
import Testing

@testable import Matching

@Suite("Matcher index")
struct MatcherIndexTests {
    static let syllables = "ba be bi bo ca ce ci co da de di do fa fe fi la le li lo ma me mi mo na ne ni ra re ri ro".split(separator: " ")

    /// A word of the generated language, sometimes accented or capitalised.
    static func word(_ random: inout SplitMix) -> String {
        var word = (0..<Int.random(in: 2...3, using: &random)).map { _ in String(syllables.randomElement(using: &random)!) }.joined()
        if Int.random(in: 0..<5, using: &random) == 0 { word = word.replacingOccurrences(of: "e", with: "é") }
        return word
    }

    /// The text of a term: one word, a phrase, a compound, a prefix or a capitalised name.
    static func termText(_ random: inout SplitMix) -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: word(&random) + " " + word(&random)
        case 1: word(&random) + "-" + word(&random)
        case 2: String(word(&random).prefix(4)) + "*"
        case 3: word(&random).capitalized
        default: word(&random)
        }
    }

    /// Profiles in both languages with every construct the planner reads words from, stemming on, off and default.
    static func profiles(_ random: inout SplitMix) -> [Profile] {
        (0..<150).map { number in
            let stems: [Bool?] = [nil, true, false]
            func term() -> Term {
                Term(text: termText(&random), stem: stems.randomElement(using: &random)!)
            }
            let near = Term(
                text: "near", kind: .near(Proximity(members: [
                    TermChoice(label: "a", terms: [term(), term()]), TermChoice(label: "b", terms: [term()]),
                ], within: 4)))
            let topics = (0..<3).map { topic in
                Topic(
                    name: "t\(topic)", terms: (0..<8).map { _ in term() } + [near],
                    all: topic == 1 ? [TermChoice(label: "all", terms: [term(), term()])] : [], none: [term()],
                    stem: stems.randomElement(using: &random)!)
            }
            return Profile(
                id: "p\(number)", kind: .cluster, language: number % 3 == 0 ? "en" : "fr", minScore: 0, topics: topics,
                exclusions: [term()], stem: stems.randomElement(using: &random)!)
        }
    }

    @Test("Terms planned on several cores compile to the matcher that one core compiles")
    func parallelPlanningChangesNothing() {
        var random = SplitMix(seed: 12)
        let profiles = Self.profiles(&random)
        let requests = profiles.flatMap(\.topics).flatMap(\.terms).count
        // Enough words for the planner to use several cores, and profiles for several batches.
        #expect(requests > 2 * 256 && profiles.count > 2 * 64)
        let serial = Matcher(profiles: profiles, compilingOn: 1)
        let parallel = Matcher(profiles: profiles, compilingOn: 4)
        var alerted = 0
        for _ in 0..<200 {
            let text = (0..<40).map { _ in Self.word(&random) }.joined(separator: Bool.random(using: &random) ? " " : "s ")
            let item = FeedItem(title: Self.word(&random) + " " + Self.word(&random), summaryText: text)
            let expected = serial.evaluate(item, source: nil)
            #expect(parallel.evaluate(item, source: nil) == expected)
            #expect(parallel.matches(for: item, source: nil) == serial.matches(for: item, source: nil))
            alerted += expected.filter(\.alerted).count
        }
        #expect(alerted > 0)
    }
}
