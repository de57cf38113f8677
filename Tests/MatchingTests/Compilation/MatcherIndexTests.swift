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

    @Test("An item's matches are its alerted evaluations, with their scores, topics and terms")
    func matchesAreTheAlertedEvaluations() {
        var random = SplitMix(seed: 29)
        let matcher = Matcher(profiles: Self.profiles(&random))
        var alerted = 0
        for _ in 0..<200 {
            let text = (0..<40).map { _ in Self.word(&random) }.joined(separator: Bool.random(using: &random) ? " " : "s ")
            let item = FeedItem(title: Self.word(&random) + " " + Self.word(&random), summaryText: text)
            let evaluations = matcher.evaluate(item, source: nil).filter(\.alerted)
            let matches = matcher.matches(for: item, source: nil, withSurfaces: false)
            #expect(matches.map(\.profile).sorted() == evaluations.map(\.profile).sorted())
            for match in matches {
                guard let evaluation = evaluations.first(where: { $0.profile == match.profile }) else { continue }
                #expect(match.score == evaluation.score)
                #expect(Set(match.topics) == Set(evaluation.contributions.map(\.topic)))
                #expect(Set(match.terms) == Set(evaluation.contributions.map(\.term)))
                // Explanations describe every contribution; matches, which do not show them, skip that.
                #expect(evaluation.contributions.allSatisfy { $0.construct != nil })
            }
            alerted += matches.count
        }
        #expect(alerted > 0)
    }

    @Test("A term's place keeps its profile, topic, role, unit and scoring in 48 bytes")
    func placesKeepWhatTheyAreGiven() {
        let term = Term(text: "mot", weight: 2.5)
        for role in [TermPlace.Role.any, .all(0), .all(7), .none, .exclusion] {
            for topic in [nil, 0, 3] as [Int?] {
                let place = TermPlace(
                    profile: 41, topic: topic, role: role, unit: 5, fields: FieldSet([.title]), term: term, earns: topic != nil)
                #expect(place.role == role && place.topic == topic && place.profile == 41)
                #expect(place.isExclusion == (role == .exclusion) && place.isNone == (role == .none))
                #expect(place.label == "mot" && place.weight == 2.5 && place.unit == 5 && place.earns == (topic != nil))
                #expect(place.fields.contains(.title) && !place.fields.contains(.content))
            }
        }
        #expect(TermPlace(profile: 0, topic: 0, role: .any, unit: -1, fields: FieldSet([]), term: Term(text: "x", kind: .regex), earns: true)
            .label == "/x/")
        #expect(MemoryLayout<TermPlace>.stride == 48)
    }
}
