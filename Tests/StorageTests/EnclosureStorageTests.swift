import Foundation
import Model
import Storage
import Testing

@Suite("Storing enclosures")
struct EnclosureStorageTests {
    @Test("An item's http(s) files are stored and read back with the item and in digest candidates", arguments: StoreBackend.allCases)
    func enclosuresRoundTrip(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            let files = [
                Enclosure(url: "https://a.example/rapport.pdf", type: "application/pdf", length: 48_213),
                Enclosure(url: "http://a.example/episode.mp3", type: "audio/mpeg"),
            ]
            let item = FeedItem(id: "urn:uuid:rapport", title: "Rapport annuel", link: "https://a.example/rapport", published: t0, enclosures: files)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: item, matches: [match("h2", 2)])]))
            let stored = try #require(try await store.findItem("urn:uuid:rapport"))
            #expect(stored.item.enclosures == files)
            await #expect(try store.item(id: stored.id)?.enclosures == files)
            let candidates = try await store.digestCandidates(profile: "h2", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(1))
            #expect(candidates.map(\.item.enclosures) == [files])
            let bare = FeedItem(id: "urn:uuid:bare", title: "Sans fichier", link: "https://a.example/bare", published: t0)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: bare)]))
            await #expect(try store.findItem("urn:uuid:bare")?.item.enclosures == [])
        }
    }

    @Test(
        "Files with another scheme, no host, white space, an oversized URL or a negative length are cleaned, duplicates dropped, and at most 16 kept",
        arguments: StoreBackend.allCases)
    func hostileEnclosuresAreBounded(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            let hostile = [
                Enclosure(url: "javascript:alert(1)"), Enclosure(url: "file:///etc/passwd"), Enclosure(url: "ftp://a.example/x.zip"),
                Enclosure(url: "https:///no-host"), Enclosure(url: "https://a.example/a b.mp3"),
                Enclosure(url: "https://a.example/" + String(repeating: "x", count: 3000)),
                Enclosure(url: "  https://a.example/ok.pdf  ", type: "application/pdf\u{1}", length: -4),
                Enclosure(url: "https://a.example/ok.pdf", type: "text/plain"),
            ] + (1...30).map { Enclosure(url: "https://a.example/\($0).mp3", type: String(repeating: "t", count: 300)) }
            let item = FeedItem(id: "urn:uuid:hostile", title: "Piège", link: "https://a.example/piege", published: t0, enclosures: hostile)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: item)]))
            let stored = try #require(try await store.findItem("urn:uuid:hostile")).item.enclosures
            #expect(stored.count == 16)
            #expect(stored.first == Enclosure(url: "https://a.example/ok.pdf"))
            #expect(stored.dropFirst().map(\.url) == (1...15).map { "https://a.example/\($0).mp3" })
            #expect(stored.allSatisfy { $0.type == nil }, "a type with a control character or longer than 255 bytes is dropped")
        }
    }
}
