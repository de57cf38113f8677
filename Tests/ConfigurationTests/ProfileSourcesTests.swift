import Configuration
import Model
import Testing

@Suite("Which sources a profile reads")
struct ProfileSourcesTests {
    let press = Source(name: "lemonde", url: "https://lemonde.example/rss", tags: ["presse", "economie"])
    let townHall = Source(name: "mairie", url: "https://mairie.example/rss", tags: ["collectivites"])

    func profile(includeTags: [String] = [], excluded: [String] = []) -> Profile {
        Profile(id: "p", kind: .territoire, topics: [Topic(name: "T", terms: [Term(text: "x")])],
                includeTags: includeTags, excludedSources: excluded)
    }

    @Test func aProfileWithoutFiltersReadsEverySource() {
        #expect(profile().reads(press))
        #expect(profile().reads(townHall))
    }

    @Test func includeTagsKeepOnlySourcesCarryingOneOfThem() {
        let chosen = profile(includeTags: ["collectivites", "europe"])
        #expect(chosen.refusal(of: press) == .untagged)
        #expect(chosen.reads(townHall))
    }

    @Test func anExcludedSourceIsRefusedEvenWhenItsTagsAreIncluded() {
        #expect(profile(includeTags: ["presse"], excluded: ["lemonde"]).refusal(of: press) == .excluded)
    }
}
