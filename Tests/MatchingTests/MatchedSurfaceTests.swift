import Configuration
import Matching
import Model
import Testing

/// The words a match reports for highlighting: exactly what its terms found, as the item writes them.
@Suite("Matched surfaces")
struct MatchedSurfaceTests {
    private func surfaces(_ topic: String, _ item: FeedItem) throws -> [MatchedSurface] {
        let profile = try ProfileSnippet(topic: topic).load()
        return Matcher(profiles: [profile]).matches(for: item, source: nil).first?.surfaces ?? []
    }

    @Test("A stemmed plural is reported as written")
    func stemmedPlural() throws {
        #expect(try surfaces("any: [subvention]", title("Deux Subventions régionales")) == [MatchedSurface(field: .title, text: "Subventions")])
    }

    @Test("A compound is reported whole, in the item's spelling")
    func compound() throws {
        #expect(try surfaces("any: [ecommerce]", title("Le E-Commerce progresse")) == [MatchedSurface(field: .title, text: "E-Commerce")])
    }

    @Test("An elided word is reported without its elision")
    func elided() throws {
        #expect(try surfaces("any: [industrie]", title("Avenir de l’industrie")) == [MatchedSurface(field: .title, text: "industrie")])
    }

    @Test("A proximity pair reports its two words, not a lone member elsewhere")
    func nearPair() throws {
        let item = FeedItem(title: "Un camion à hydrogène", summaryText: "Le camion est arrivé. Bien plus tard, parlons enfin de tout autre chose.")
        let found = try surfaces("any: [{near: [camion, hydrogène], within: 2}]", item)
        #expect(found == [MatchedSurface(field: .title, text: "camion"), MatchedSurface(field: .title, text: "hydrogène")])
    }

    @Test("A look-alike the matcher did not match is not reported")
    func lookAlike() throws {
        let item = FeedItem(title: "L'export et les exportateurs", summaryText: "Portail de l'export")
        #expect(try surfaces("any: [{term: export, stem: false}]", item)
            == [MatchedSurface(field: .title, text: "export"), MatchedSurface(field: .summary, text: "export")])
    }

    @Test("A term restricted to the title reports nothing from the text")
    func restrictedField() throws {
        let item = FeedItem(title: "Hydrogène vert", summaryText: "hydrogène encore")
        #expect(try surfaces("any: [{term: hydrogène, fields: [title]}]", item) == [MatchedSurface(field: .title, text: "Hydrogène")])
    }

    @Test("Profiles alerted by one item each report their own words, as each would alone")
    func severalProfiles() throws {
        // The same words in another order, in other fields only, with more words, with a proximity group:
        // each profile's surfaces are its own, however many others found the same words before it.
        let topics = [
            "any: [hydrogène, subvention]", "any: [subvention, hydrogène]", "any: [{term: hydrogène, fields: [title]}, subvention]",
            "any: [hydrogène, subvention, vert]", "any: [hydrogène]", "any: [{near: [hydrogène, vert], within: 2}, subvention]",
        ]
        let snippets = topics.map { ProfileSnippet(topic: $0) }
        let profiles = try ProfileSnippet.load(snippets).profiles
        let item = FeedItem(title: "Hydrogène vert : deux subventions", summaryText: "Une subvention pour l'hydrogène")
        let together = Dictionary(uniqueKeysWithValues: Matcher(profiles: profiles).matches(for: item, source: nil).map { ($0.profile, $0.surfaces) })
        #expect(together.count == profiles.count)
        for profile in profiles {
            let alone = Matcher(profiles: [profile]).matches(for: item, source: nil).first?.surfaces
            #expect(together[profile.id] == alone, "\(profile.id)")
        }
        #expect(together["p0"] != together["p2"] && together["p0"] != together["p3"] && together["p0"] != together["p4"])
    }

    @Test("Asking for matches without surfaces gives the same matches, with no words")
    func withoutSurfaces() throws {
        let matcher = Matcher(profiles: [try ProfileSnippet(topic: "any: [subvention, hydrogène]").load()])
        let item = FeedItem(title: "Deux Subventions régionales", summaryText: "Hydrogène vert")
        let full = matcher.matches(for: item, source: nil)
        var stripped = full
        for index in stripped.indices { stripped[index].surfaces = [] }

        #expect(!full.isEmpty && full.allSatisfy { !$0.surfaces.isEmpty })
        #expect(matcher.matches(for: item, source: nil, withSurfaces: false) == stripped)
    }
}
