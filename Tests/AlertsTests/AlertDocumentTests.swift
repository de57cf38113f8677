import Alerts
import Foundation
import Model
import Testing

@Suite("Alert JSON")
struct AlertDocumentTests {
    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("An alert is one line of JSON with every documented key, null where the item has no value")
    func shape() throws {
        var sparse = alert()
        sparse.item.author = nil
        let data = AlertDocument(sparse).encoded()
        #expect(data.last == 0x0A)
        #expect(!data.dropLast().contains(0x0A))
        let json = try object(data)
        #expect(json["schema"] as? String == "veilleur.alert/1")
        #expect(json["alert_id"] as? Int == 1)
        #expect(json["profile"] as? String == "hydrogene")
        #expect(json["score"] as? Double == 81.23)
        #expect(json["raised_at"] as? String == "2026-11-18T11:06:40Z")
        let item = try #require(json["item"] as? [String: Any])
        #expect(Set(item.keys) == ["id", "source", "guid", "title", "link", "published", "updated", "author", "summary"])
        #expect(item["author"] is NSNull)
        #expect(item["link"] as? String == "https://presse.example/a?b=1&c=2")
    }

    @Test(
        "Hostile titles come back unchanged from the JSON, with no raw control character in the bytes",
        arguments: [
            "\"quoted\" \\ back\\slash", "line\nbreak\r\tand\u{0}nul", "</script><script>alert(1)</script>", "\u{2028}\u{2029}\u{202E}bidi",
            "\u{1B}[31mred\u{1B}[0m \u{7F}\u{85}", "emoji 🧪 and combining e\u{301}", String(repeating: "x", count: 100_000),
        ])
    func hostileTitle(title: String) throws {
        let data = AlertDocument(alert(title: title)).encoded()
        #expect(!data.dropLast().contains { $0 < 0x20 })
        let item = try #require(try object(data)["item"] as? [String: Any])
        #expect(item["title"] as? String == title)
    }

    @Test("A long summary is cut to the documented length")
    func summaryCut() throws {
        var long = alert()
        long.item.summaryText = String(repeating: "é", count: AlertDocument.summaryLimit + 50)
        let item = try #require(try object(AlertDocument(long).encoded())["item"] as? [String: Any])
        #expect((item["summary"] as? String)?.count == AlertDocument.summaryLimit)
    }

    @Test("A score that is not a number is null, not invalid JSON")
    func nanScore() throws {
        var odd = alert()
        odd.score = .nan
        #expect(try object(AlertDocument(odd).encoded())["score"] is NSNull)
    }

    @Test("The same alert always gives the same bytes")
    func stable() {
        #expect(AlertDocument(alert()).encoded() == AlertDocument(alert()).encoded())
    }
}
