import Digests
import Foundation
import Testing

@Suite("JSON digests")
struct JSONDigestTests {
    private let sample = digest(maxItems: 1, [
        entry("Bas", score: 1.5, snippet: nil),
        entry("Haut", score: 3.25, published: generated, snippet: "Un extrait"),
    ])

    @Test("The JSON follows the versioned shape and lists every entry of a digest within its limit")
    func shape() throws {
        let bytes = try JSONDigest.render(sample)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["schema"] as? String == "veilleur.digest/1")
        #expect(object["profile"] as? String == "xr")
        #expect(object["profile_name"] as? String == "Réalité étendue")
        #expect(object["kind"] as? String == "technologie")
        #expect(object["period"] as? String == "2026-11-26")
        #expect(object["generated_at"] as? String == "2026-11-26T07:00:00Z")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.map { $0["rank"] as? Int } == [1, 2])
        #expect(items.map { $0["title"] as? String } == ["Haut", "Bas"])
        #expect(items[0]["published"] as? String == "2026-11-26T07:00:00Z")
        #expect(items[0]["score"] as? Double == 3.25)
        #expect(items[0]["terms"] as? [String] == ["réalité augmentée"])
        #expect(items[0]["topics"] as? [String] == ["Casques"])
        #expect(items[0]["link"] as? String == "https://news.example/haut")
        #expect(items[1]["published"] is NSNull)
        #expect(items[1]["snippet"] is NSNull)
        #expect(object["omitted"] as? Int == 0)
    }

    @Test("The JSON lists the best entries up to its limit and counts the others, including those never loaded")
    func cappedAtTheLimit() throws {
        let limit = JSONDigest.itemLimit(maxItems: 1)
        var capped = digest(maxItems: 1, (0..<(limit + 2)).map { entry("N\($0)", score: Double($0)) })
        capped.omittedEntries = 3
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONDigest.render(capped))) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == limit)
        #expect(items.first?["title"] as? String == "N\(limit + 1)")
        #expect(object["omitted"] as? Int == 5)
    }

    @Test("A profile's max_items above the ceiling raises the JSON's limit with it")
    func limitFollowsMaxItems() {
        #expect(JSONDigest.itemLimit(maxItems: 3) == JSONDigest.entryCeiling)
        #expect(JSONDigest.itemLimit(maxItems: JSONDigest.entryCeiling + 7) == JSONDigest.entryCeiling + 7)
    }

    @Test("Rendering the same digest twice gives the same bytes, whatever the entry order")
    func stableBytes() throws {
        var shuffled = sample
        shuffled.entries.reverse()
        let first = try JSONDigest.render(sample)
        #expect(try JSONDigest.render(sample) == first)
        #expect(try JSONDigest.render(shuffled) == first)
        #expect(first.last == UInt8(ascii: "\n"))
    }

    @Test("Keys appear in sorted order")
    func sortedKeys() throws {
        let text = String(decoding: try JSONDigest.render(sample), as: UTF8.self)
        let keys = ["\"generated_at\"", "\"items\"", "\"kind\"", "\"period\"", "\"profile\"", "\"profile_name\"", "\"schema\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }
}

@Suite("JSON digests with hostile feed text")
struct HostileJSONDigestTests {
    @Test("Non-web links become null and bidi or control characters are removed")
    func hostileEntry() throws {
        let hostile = DigestEntry(
            title: "Facture\u{202E}fdp.exe\u{0}", link: "javascript:alert(1)", source: "S", score: 1,
            snippet: "a\u{2066}b\nc"
        )
        let bytes = try JSONDigest.render(digest([hostile]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let item = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(item["link"] is NSNull)
        #expect(item["title"] as? String == "Facturefdp.exe")
        #expect(item["snippet"] as? String == "ab c")
    }
}
