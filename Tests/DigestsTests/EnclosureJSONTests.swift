import Digests
import Foundation
import Model
import Testing

@Suite("Enclosures in JSON digests")
struct EnclosureJSONTests {
    private func items(of entries: [DigestEntry]) throws -> [[String: Any]] {
        let bytes = try JSONDigest.render(digest(entries))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        return try #require(object["items"] as? [[String: Any]])
    }

    @Test("Each item lists its files with URL, type and length, null when the feed gave none")
    func enclosuresAreListed() throws {
        var report = entry("Rapport", score: 2)
        report.enclosures = [
            Enclosure(url: "https://region.example/rapport.pdf", type: "application/pdf", length: 48_213),
            Enclosure(url: "https://region.example/annexe.xlsx"),
        ]
        let listed = try items(of: [report, entry("Sans fichier", score: 1)])
        let files = try #require(listed[0]["enclosures"] as? [[String: Any]])
        #expect(files.map { $0["url"] as? String } == ["https://region.example/rapport.pdf", "https://region.example/annexe.xlsx"])
        #expect(files[0]["type"] as? String == "application/pdf")
        #expect(files[0]["length"] as? Int == 48_213)
        #expect(files[1]["type"] is NSNull && files[1]["length"] is NSNull)
        #expect((listed[1]["enclosures"] as? [Any])?.isEmpty == true, "an item without files has an empty list")
    }

    @Test("A file whose URL is not http(s) is left out, and control or bidi characters leave its type")
    func hostileEnclosuresAreCleaned() throws {
        var hostile = entry("Piège", score: 2)
        hostile.enclosures = [
            Enclosure(url: "javascript:alert(1)", type: "text/html"),
            Enclosure(url: "file:///etc/passwd"),
            Enclosure(url: "https://ok.example/a.mp3", type: "audio/mpeg\u{202E}\u{1}"),
        ]
        let files = try #require(try items(of: [hostile])[0]["enclosures"] as? [[String: Any]])
        #expect(files.map { $0["url"] as? String } == ["https://ok.example/a.mp3"])
        #expect(files[0]["type"] as? String == "audio/mpeg")
    }
}
