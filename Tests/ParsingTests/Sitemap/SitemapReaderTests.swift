import Foundation
import Model
import Parsing
import Testing

/// Sitemaps, Google News sitemaps, indexes and text sitemaps (`kind: sitemap`).
@Suite struct SitemapReaderTests {
    static let now = ISO8601DateFormatter().date(from: "2026-03-15T12:00:00Z")!
    static let week = now.addingTimeInterval(-7 * 86_400)

    static func read(_ text: String, since: Date? = week, limits: SitemapLimits = SitemapLimits()) throws -> Sitemap {
        try SitemapReader.parse(Array(text.utf8), url: "https://www.region.example/sitemap.xml", contentType: "application/xml", since: since, limits: limits)
    }

    @Test("Entries newer than the window are items, newest first, titled from news:title or else from their URL path")
    func urlSetWithinWindow() throws {
        let sitemap = try Self.read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>https://www.region.example/actualites/vieux-sujet</loc><lastmod>2026-01-02</lastmod></url>
              <url><loc>/actualites/aide-a-l-hydrogene.html</loc><lastmod>2026-03-10T08:00:00+01:00</lastmod></url>
              <url><loc>https://www.region.example/presse/1</loc><lastmod>2026-01-01</lastmod>
                <news:news><news:publication><news:name>Région</news:name><news:language>fr</news:language></news:publication>
                  <news:publication_date>2026-03-14T09:00:00Z</news:publication_date>
                  <news:title>Plan régional pour l'export</news:title><news:keywords>export, PME</news:keywords></news:news></url>
              <url><loc>javascript:alert(1)</loc></url>
              <url><loc>https://www.region.example/sans-date</loc></url>
            </urlset>
            """)
        #expect(!sitemap.isIndex)
        #expect(sitemap.items.map(\.link) == [
            "https://www.region.example/presse/1", "https://www.region.example/actualites/aide-a-l-hydrogene.html",
            "https://www.region.example/sans-date",
        ])
        #expect(sitemap.items.map(\.title) == ["Plan régional pour l'export", "aide a l hydrogene", "sans date"])
        #expect(sitemap.items.map(\.id) == sitemap.items.map(\.link))
        #expect(sitemap.items.first?.published == ISO8601DateFormatter().date(from: "2026-03-14T09:00:00Z"))
        #expect(sitemap.items.first?.categories == ["export", "PME"])
        #expect(sitemap.skipped == 1)
    }

    @Test("A 50,000-URL sitemap gives the newest entries up to the bound, not all of them")
    func largeSitemapIsBounded() throws {
        var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        for index in 0..<50_000 {
            let day = 1 + index % 14
            xml += "<url><loc>https://www.region.example/p/\(index)</loc><lastmod>2026-03-\(day < 10 ? "0" : "")\(day)</lastmod></url>"
        }
        xml += "</urlset>"
        let sitemap = try Self.read(xml, limits: SitemapLimits(maxItems: 100))
        #expect(sitemap.items.count == 100)
        let oldest = try #require(sitemap.items.compactMap(\.updated).min())
        #expect(oldest == ISO8601DateFormatter().date(from: "2026-03-14T00:00:00Z"))
        #expect(sitemap.skipped == 50_000 - 100)
    }

    @Test("An index lists its newest child sitemaps up to the bound, the undated last")
    func indexListsNewestChildren() throws {
        let sitemap = try Self.read("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://www.region.example/sitemap-2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
              <sitemap><loc>https://www.region.example/sitemap-undated.xml</loc></sitemap>
              <sitemap><loc>https://www.region.example/sitemap-2026.xml</loc><lastmod>2026-03-14</lastmod></sitemap>
              <sitemap><loc>file:///etc/passwd</loc></sitemap>
              <sitemap>https://www.region.example/sitemap-bare.xml</sitemap>
            </sitemapindex>
            """, limits: SitemapLimits(maxChildren: 3))
        #expect(sitemap.isIndex)
        #expect(sitemap.items.isEmpty)
        #expect(sitemap.children.map(\.url) == [
            "https://www.region.example/sitemap-2026.xml", "https://www.region.example/sitemap-2024.xml",
            "https://www.region.example/sitemap-undated.xml",
        ])
        #expect(sitemap.skipped == 1)
    }

    @Test("Elements in the wrong namespace or a prefixed one are read all the same")
    func namespaceVariants() throws {
        let sitemap = try Self.read("""
            <s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"><s:url><s:loc>https://a.example/1</s:loc></s:url></s:urlset>
            """)
        #expect(sitemap.items.map(\.link) == ["https://a.example/1"])
        let bad = try Self.read("<urlset xmlns=\"http://example.org/wrong\"><url><loc>https://a.example/2</loc></url></urlset>")
        #expect(bad.items.map(\.link) == ["https://a.example/2"])
    }

    @Test("A text sitemap gives one item per http(s) line, a byte-order mark ignored")
    func textSitemap() throws {
        let sitemap = try SitemapReader.parse(
            [0xEF, 0xBB, 0xBF] + Array("https://a.example/one\n\nnot a url\nftp://a.example/x\r\nhttps://a.example/two\n".utf8),
            url: nil, contentType: "text/plain", since: Self.week)
        #expect(sitemap.items.map(\.link) == ["https://a.example/one", "https://a.example/two"])
    }

    @Test("A document that is not a sitemap is an error naming its root")
    func notASitemap() {
        #expect {
            try Self.read("<rss version=\"2.0\"><channel></channel></rss>")
        } throws: { error in
            "\(error)".contains("not a sitemap: the root element is <rss>")
        }
    }

    @Test(
        "Every sitemap of the shared corpus is read or refused with a reason",
        .enabled(if: SitemapCorpus.isPresent, "skipped: the shared corpus (../shared/corpus/sitemaps) is not beside this clone"))
    func corpusSitemaps() throws {
        var counts: [String: Int] = [:]
        for file in try SitemapCorpus.files() {
            let bytes = try Array(Data(contentsOf: file))
            do {
                let sitemap = try SitemapReader.parse(bytes, url: nil, contentType: nil, since: nil, limits: SitemapLimits(maxItems: 10_000, maxChildren: 100))
                counts[file.lastPathComponent] = sitemap.items.count + sitemap.children.count
            } catch {
                counts[file.lastPathComponent] = -1
            }
        }
        #expect(counts["sitemap-news.xml"] == 2)
        #expect(counts["hebdenbridgetimes-articles-sitemap.xml"] == 74)
        #expect(counts["sitemap.index.xml"].map { $0 > 0 } == true)
        #expect(counts["sitemap.txt"] == 2)
        #expect(counts["atom.xml"] == -1)
    }
}

/// `../shared/corpus/sitemaps`, when this clone sits beside the shared test data.
enum SitemapCorpus {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/sitemaps").standardizedFileURL

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static func files() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }
    }
}
