import Digests
import Foundation
import Testing

/// The sources a profile reads that keep failing close every digest, so readers know what they may miss.
@Suite("Failing sources in digests") struct FailingSourcesTests {
    let broken = FailingSource(
        name: "gazette", consecutiveFailures: 3, lastSuccess: Date(timeIntervalSince1970: 1_795_500_000),
        lastError: "GET https://gazette.example/feed → HTTP 503")
    let hostile = FailingSource(
        name: "<b>evil</b>", consecutiveFailures: 1, lastSuccess: nil, lastError: "<script>alert(1)</script>\u{202E}")

    func withFailures(_ sources: [FailingSource], language: String = "fr") -> Digest {
        var value = digest(language: language, [entry("Casque", score: 2)])
        value.failingSources = sources
        return value
    }

    @Test func markdownListsThemAfterTheItems() throws {
        let markdown = MarkdownDigest.render(withFailures([broken]))
        let section = try #require(markdown.range(of: "## Sources en échec"))
        #expect(markdown.contains("- gazette — 3 échecs de suite · dernier succès le 24 novembre 2026 : GET https://gazette.example/feed → HTTP 503"))
        let item = try #require(markdown.range(of: "Casque"))
        #expect(item.lowerBound < section.lowerBound)
    }

    @Test func englishDigestsUseEnglishWords() {
        let markdown = MarkdownDigest.render(withFailures([hostile], language: "en"))
        #expect(markdown.contains("## Failing sources"))
        #expect(markdown.contains("1 failure · never read"))
    }

    @Test func noSectionWhenEverySourceIsHealthy() {
        #expect(!MarkdownDigest.render(withFailures([])).contains("##"))
        #expect(!HTMLDigest.render(withFailures([])).contains("class=\"failing\""))
    }

    @Test func htmlEscapesWhatTheErrorAndNameCarry() {
        let html = HTMLDigest.render(withFailures([hostile]))
        #expect(html.contains("<section class=\"failing\">"))
        #expect(html.contains("&lt;b&gt;evil&lt;/b&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(!html.unicodeScalars.contains("\u{202E}"))
    }

    @Test func jsonCarriesThemAndAnEmptyListWhenAllIsWell() throws {
        let object = try JSONSerialization.jsonObject(with: Data(JSONDigest.render(withFailures([broken])))) as? [String: Any]
        let failing = try #require(object?["failing_sources"] as? [[String: Any]])
        #expect(failing.count == 1)
        #expect(failing[0]["name"] as? String == "gazette")
        #expect(failing[0]["consecutive_failures"] as? Int == 3)
        #expect(failing[0]["last_success"] as? String == "2026-11-24T06:00:00Z")
        let healthy = try JSONSerialization.jsonObject(with: Data(JSONDigest.render(withFailures([])))) as? [String: Any]
        #expect((healthy?["failing_sources"] as? [Any])?.isEmpty == true)
    }
}
