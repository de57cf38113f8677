import Configuration
import Foundation
import Model
import Testing

/// `kind: listing` with its `select` selectors, `kind: sitemap` with its `window`, and `kind: discover`,
/// in `sources.yaml`.
@Suite struct ListingSourceTests {
    private func load(_ sources: String) throws -> (Result<[Source], ConfigurationError>, path: String) {
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        let path = folder.path("sources.yaml")
        do {
            return (.success(try Configuration.load(directory: folder.url).sources), path)
        } catch {
            return (.failure(error), path)
        }
    }

    @Test("A listing's selectors, a sitemap's window and a discover source are read, and all three obey robots.txt")
    func newKindsAreRead() throws {
        let (result, _) = try load("""
            sources:
              - name: prefecture-69
                url: https://www.rhone.gouv.fr/Actualites
                kind: listing
                select: {items: "//div[@class='news']//article", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime", summary: ".//p[1]"}
              - name: cci-minimal
                url: https://www.cci.example/actualites
                kind: listing
                select:
                  items: //li[@class="actu"]
                  title: normalize-space(.//h3)
                  link: .//a/@href
              - name: region-sitemap
                url: https://www.region.example/sitemap.xml
                kind: sitemap
                window: 3d
              - name: bpi-sitemap
                url: https://www.bpi.example/news-sitemap.xml
                kind: sitemap
              - name: blog
                url: https://blog.example/
                kind: discover
            """)
        let sources = try result.get()
        #expect(sources.map(\.kind) == [.listing, .listing, .sitemap, .sitemap, .discover])
        #expect(sources[0].selectors == ListingSelectors(
            items: "//div[@class='news']//article", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime", summary: ".//p[1]"))
        #expect(sources[1].selectors == ListingSelectors(items: "//li[@class=\"actu\"]", title: "normalize-space(.//h3)", link: ".//a/@href"))
        #expect(sources[2].window == 3 * 86_400)
        #expect(sources[3].window == Source.defaultSitemapWindow)
        #expect(sources.map(\.obeysRobots) == [true, true, true, true, true])
    }

    @Test("Selectors that do not compile, missing ones and options on the wrong kind are each located")
    func mistakesAreLocated() throws {
        let (result, path) = try load("""
            sources:
              - name: a
                url: https://example.org/a
                kind: listing
                select: {items: "//div[@class='news'", title: ".//h2", link: ".//a/@href"}
              - name: b
                url: https://example.org/b
                kind: listing
              - name: c
                url: https://example.org/c
                kind: listing
                select: {items: "//article", date: ".//time/@", colour: red}
              - name: d
                url: https://example.org/d
                select: {items: "//a", title: ".", link: "@href"}
              - name: e
                url: https://example.org/e
                kind: page
                window: 2d
            """)
        guard case .failure(let error) = result else {
            Issue.record("the sources should not load")
            return
        }
        #expect(error.issues.map(\.description) == [
            "\(path):5:41: the XPath selector '//div[@class='news'' does not compile: Invalid predicate",
            "\(path):6:5: a listing source needs 'select' with XPath selectors for items, title and link",
            "\(path):12:53: unknown key 'colour'; expected one of: items, title, link, date, summary",
            "\(path):12:13: missing key 'title'",
            "\(path):12:13: missing key 'link'",
            "\(path):12:50: the XPath selector './/time/@' does not compile: Invalid expression",
            "\(path):15:13: select applies to listing sources only; remove it, or set 'kind: listing'",
            "\(path):19:13: window applies to sitemap sources only; remove it, or add 'kind: sitemap'",
        ])
    }
}
