import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Model
import Storage
import Testing

/// Listing pages, sitemaps and pages announcing a feed, crawled over real HTTP on loopback: each case checks
/// what the server was asked for as well as what the store holds.
@Suite struct PageSourcesCrawlTests {
    /// A prefecture-like site: a news listing, a sitemap index (listing itself, a disallowed child and a
    /// nested index), and a blog page announcing its feed.
    final class InstitutionSite: Sendable {
        let server: LoopbackServer

        init() throws {
            let recent = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            server = try LoopbackServer { request in
                switch request.path {
                case "/robots.txt": return .text("User-agent: *\nDisallow: /prive/\n")
                case "/actualites": return .text(InstitutionSite.listing, contentType: "text/html; charset=utf-8")
                case "/sitemap_index.xml": return .text(InstitutionSite.index(recent), contentType: "application/xml")
                case "/sitemap-news.xml": return .text(InstitutionSite.news(recent), contentType: "application/xml")
                case "/nested-index.xml", "/prive/sitemap.xml": return .text(InstitutionSite.nested, contentType: "application/xml")
                case "/blog/": return .text(InstitutionSite.blog, contentType: "text/html; charset=utf-8")
                case "/blog/feed.xml": return FaultSite.feed(Fixtures.newsRSS, etag: "\"blog-v1\"", for: request)
                case "/plain/": return .text("<html><head><title>Sans flux</title></head><body><p>Rien</p></body></html>", contentType: "text/html")
                default: return HTTPResponse(status: 404)
                }
            }
        }

        var base: String { server.baseURL }
        var paths: [String] { server.requests.map(\.path) }
        func stop() { server.stop() }

        static let listing = """
            <!DOCTYPE html><html lang="fr"><head><title>Actualités</title></head><body>
            <div class="news">
              <article><h2>Économie circulaire : le recyclage des déchets du BTP progresse</h2>
                <a href="/actualites/recyclage-btp">Lire</a><time datetime="2026-11-24T10:00:00+01:00">24 novembre</time></article>
              <article><h2>Économie circulaire : un piège</h2><a href="javascript:alert(1)">Lire</a></article>
            </div></body></html>
            """

        static func index(_ recent: String) -> String {
            """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>/sitemap_index.xml</loc><lastmod>\(recent)</lastmod></sitemap>
              <sitemap><loc>/sitemap-news.xml</loc><lastmod>\(recent)</lastmod></sitemap>
              <sitemap><loc>/prive/sitemap.xml</loc><lastmod>\(recent)</lastmod></sitemap>
              <sitemap><loc>/nested-index.xml</loc><lastmod>\(recent)</lastmod></sitemap>
            </sitemapindex>
            """
        }

        static func news(_ recent: String) -> String {
            """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>/presse/recyclage-plan</loc><news:news><news:publication_date>\(recent)</news:publication_date>
                <news:title>Recyclage : un plan régional pour l'économie circulaire</news:title></news:news></url>
              <url><loc>/presse/ancien</loc><lastmod>2020-01-01</lastmod></url>
            </urlset>
            """
        }

        static let nested = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/deep.xml</loc></sitemap></sitemapindex>
            """

        static let blog = """
            <!DOCTYPE html><html><head><title>Blog</title>
            <link rel="alternate" type="application/rss+xml" title="Flux" href="/blog/feed.xml"></head>
            <body><p>Bienvenue</p></body></html>
            """

        func makePipeline(in folder: TemporaryFolder) async throws -> Pipeline {
            try folder.write(
                """
                sources:
                  - name: prefecture
                    url: \(base)/actualites
                    kind: listing
                    select: {items: "//div[@class='news']/article", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime"}
                  - name: region
                    url: \(base)/sitemap_index.xml
                    kind: sitemap
                  - name: blog
                    url: \(base)/blog/
                    kind: discover
                  - name: sans-flux
                    url: \(base)/plain/
                    kind: discover
                  - name: prefecture-privee
                    url: \(base)/prive/actualites
                    kind: listing
                    select: {items: "//article", title: ".//h2", link: ".//a/@href"}
                """, to: "config/sources.yaml")
            try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
            try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
            return try await Pipeline(
                configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
                logger: Logger(label: "test"))
        }
    }

    @Test("A listing page's selected items are stored with their resolved links; a javascript: link is not")
    func listingItemsAreStored() async throws {
        let site = try InstitutionSite()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let stored = try #require(try await pipeline.store.findItem("\(site.base)/actualites/recyclage-btp"))
        #expect(stored.source == "prefecture")
        #expect(stored.item.title == "Économie circulaire : le recyclage des déchets du BTP progresse")
        #expect(stored.item.published == ISO8601DateFormatter().date(from: "2026-11-24T09:00:00Z"))
        #expect(try await pipeline.store.findItem("javascript:alert(1)") == nil)
        #expect(site.paths.filter { $0 == "/robots.txt" }.count == 1)
    }

    @Test("A listing robots.txt disallows is never requested, and its state says why")
    func disallowedListingIsNotFetched() async throws {
        let site = try InstitutionSite()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        #expect(!site.paths.contains("/prive/actualites"))
        let states = try await RobotsCrawlTests.states(pipeline)
        #expect(states["prefecture-privee"]?.lastError == "disallowed by robots.txt (\(site.base)/robots.txt)")
    }

    @Test("A sitemap index is followed one level to its allowed children, never to itself, a nested index or a disallowed child")
    func sitemapIndexIsFollowedWithBounds() async throws {
        let site = try InstitutionSite()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        #expect(site.paths.filter { $0 == "/sitemap_index.xml" }.count == 1)
        #expect(site.paths.filter { $0 == "/sitemap-news.xml" }.count == 1)
        #expect(site.paths.filter { $0 == "/nested-index.xml" }.count == 1)
        #expect(!site.paths.contains("/prive/sitemap.xml"))
        #expect(!site.paths.contains("/deep.xml"))
        let recent = try #require(try await pipeline.store.findItem("\(site.base)/presse/recyclage-plan"))
        #expect(recent.source == "region")
        #expect(recent.item.title == "Recyclage : un plan régional pour l'économie circulaire")
        #expect(try await pipeline.store.findItem("\(site.base)/presse/ancien") == nil)
        let states = try await RobotsCrawlTests.states(pipeline)
        #expect(states["region"]?.lastStatus == "ok")
    }

    @Test("A discover page's announced feed is read, kept as the source's effective URL and polled directly afterwards")
    func discoveredFeedIsFollowed() async throws {
        let site = try InstitutionSite()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        var states = try await RobotsCrawlTests.states(pipeline)
        #expect(states["blog"]?.effectiveURL == "\(site.base)/blog/feed.xml")
        #expect(states["blog"]?.lastStatus == "ok")
        #expect(try await pipeline.store.findItem("news-1")?.source == "blog")
        #expect(states["sans-flux"]?.lastStatus == "failed")
        #expect(states["sans-flux"]?.lastError?.hasPrefix("no feed announced on the page") == true)

        let before = site.server.requests.count
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true).filter { $0.name == "blog" })

        let second = site.server.requests.dropFirst(before)
        #expect(second.map(\.path) == ["/blog/feed.xml"])
        #expect(second.first?.headers["if-none-match"] == "\"blog-v1\"")
        states = try await RobotsCrawlTests.states(pipeline)
        #expect(states["blog"]?.lastStatus == "unchanged")
        #expect(states["blog"]?.effectiveURL == "\(site.base)/blog/feed.xml")
    }
}
