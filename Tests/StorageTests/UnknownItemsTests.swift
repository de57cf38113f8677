import Foundation
import Model
import Storage
import Testing

@Suite("Looking up which items of a document are unknown")
struct UnknownItemsTests {
    @Test(
        "Items the source stored already, and items with neither GUID, link nor title, are known; new items and copies from another source are not",
        arguments: StoreBackend.allCases)
    func classifiesEachItem(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a"), source("b")], now: t0)
            _ = try await store.record(fetch("a", [
                entry(guid: "urn:uuid:stored", link: "https://a.example/1"),
                entry(guid: nil, link: nil, title: "Sans lien"),
            ]))
            let offered = [
                FeedItem(id: "urn:uuid:stored", title: "Déjà lu", link: "https://a.example/1"),
                FeedItem(id: nil, title: "Sans lien"),
                FeedItem(id: "urn:uuid:new", title: "Nouveau", link: "https://a.example/2"),
                FeedItem(id: nil, title: nil, link: nil),
            ]
            await #expect(try store.unknownItems(offered, from: "a") == [false, false, true, false])
            await #expect(
                try store.unknownItems(offered, from: "b") == [true, true, true, false],
                "another source's copy may still bring matches, and a title only identifies an item within its source")
        }
    }
}

@Suite("Match columns")
struct MatchColumnTests {
    @Test(
        "Topics, terms and surfaces holding quotes, backslashes, control characters and accents read back as recorded",
        arguments: StoreBackend.allCases)
    func hostileTextRoundTrips(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            let odd = "« l'\"IA\" » \\ C:\\temp\u{1}\n\ttab / énergie 🚀"
            let recorded = Match(
                profile: "xr", score: 2, topics: [odd, "XR"], terms: ["casque", odd],
                surfaces: [MatchedSurface(field: .title, text: odd), MatchedSurface(field: .categories, text: "Réalité")])
            _ = try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: [recorded])]))
            let candidates = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(1))
            #expect(candidates.map(\.match) == [recorded])
        }
    }
}
