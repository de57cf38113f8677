import Daemon
import Fetching
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Testing

/// Pages obey robots.txt and feeds do not, over real HTTP on loopback: each case checks what the server
/// was asked for, not only what the store says.
@Suite struct RobotsCrawlTests {
    /// A site serving `robots` at `/robots.txt`, an HTML page at every `/…page…` path and a feed at
    /// every path ending in `.xml`.
    final class RobotsSite: Sendable {
        let server: LoopbackServer

        init(robots: @escaping @Sendable () -> HTTPResponse) throws {
            server = try LoopbackServer { request in
                if request.path == "/robots.txt" { return robots() }
                if request.path.hasSuffix(".xml") { return FaultSite.feed(Fixtures.newsRSS, etag: "\"news-v1\"", for: request) }
                return .text(RobotsSite.page, contentType: "text/html; charset=utf-8")
            }
        }

        convenience init(robotsTxt: String) throws {
            try self.init { .text(robotsTxt) }
        }

        var base: String { server.baseURL }
        var paths: [String] { server.requests.map(\.path) }
        func stop() { server.stop() }

        static let page = """
            <!DOCTYPE html><html lang="fr"><head><title>Économie circulaire : le recyclage progresse</title></head>
            <body><article><h1>Économie circulaire : le recyclage progresse</h1>
            <p>Les collectivités développent le recyclage des déchets du bâtiment et l'économie circulaire.</p></article></body></html>
            """

        /// A pipeline over `sources` (YAML list items), with no delay between requests to this one host.
        func makePipeline(_ sources: String, in folder: TemporaryFolder, logger: Logger = Logger(label: "test")) async throws -> Pipeline {
            try folder.write("sources:\n" + sources, to: "config/sources.yaml")
            try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
            try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
            return try await Pipeline(
                configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state, logger: logger)
        }
    }

    static func states(_ pipeline: Pipeline) async throws -> [String: SourceState] {
        Dictionary(uniqueKeysWithValues: try await pipeline.store.sourceStates().map { ($0.name, $0) })
    }

    @Test("A page robots.txt disallows is never requested and its state says why, while a feed under the same rule is fetched")
    func disallowedPageIsNotFetched() async throws {
        let site = try RobotsSite(robotsTxt: "User-agent: veilleur\nDisallow: /prive/\n\nUser-agent: *\nDisallow: /\n")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(
            """
              - name: page-privee
                url: \(site.base)/prive/page.html
                kind: page
                interval: 15m
              - name: page-publique
                url: \(site.base)/public/page.html
                kind: page
              - name: flux-prive
                url: \(site.base)/prive/news.xml
            """, in: folder)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        let after = Date()

        #expect(!site.paths.contains("/prive/page.html"))
        #expect(site.paths.filter { $0 == "/robots.txt" }.count == 1)
        #expect(site.paths.contains("/public/page.html") && site.paths.contains("/prive/news.xml"))
        let states = try await Self.states(pipeline)
        let refused = try #require(states["page-privee"])
        #expect(refused.lastStatus == "failed")
        #expect(refused.lastError == "disallowed by robots.txt (\(site.base)/robots.txt)")
        // No fault of the server: asked again at its own pace (15 min and its jitter), not backed off.
        #expect(refused.nextDueAt <= after.addingTimeInterval(900 * 1.1))
        #expect(states["page-publique"]?.lastStatus == "ok")
        #expect(states["flux-prive"]?.lastStatus == "ok")
        #expect(summary.failed == 1 && summary.disallowed == 1 && summary.fetched == 2)
    }

    @Test(
        "robots.txt answering 5xx or not at all keeps the page from being fetched; a 4xx lets it be fetched",
        arguments: [(500, false), (503, false), (429, false), (404, true), (403, true), (410, true)])
    func robotsStatusDecides(status: Int, fetched: Bool) async throws {
        let site = try RobotsSite { HTTPResponse(status: status) }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(
            """
              - name: page
                url: \(site.base)/page.html
                kind: page
              - name: flux
                url: \(site.base)/news.xml
            """, in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        #expect(site.paths.contains("/page.html") == fetched)
        let states = try await Self.states(pipeline)
        #expect(states["page"]?.lastStatus == (fetched ? "ok" : "failed"))
        if !fetched {
            let error = try #require(states["page"]?.lastError)
            #expect(error.hasPrefix("disallowed by robots.txt: it could not be read"))
            #expect(error.contains("HTTP \(status)"))
        }
        #expect(states["flux"]?.lastStatus == "ok")
    }

    @Test("A page whose robots.txt cannot be reached at all is not fetched")
    func unreachableRobotsDisallows() async throws {
        // Port 9 (discard) is closed on loopback and, being privileged, never handed to another test's server;
        // a port freed by a stopped server could be, and that server would see this request.
        let base = "http://127.0.0.1:9"
        let site = try RobotsSite(robotsTxt: "")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(
            """
              - name: page
                url: \(base)/page.html
                kind: page
              - name: flux
                url: \(site.base)/news.xml
            """, in: folder)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = try await Self.states(pipeline)
        #expect(states["page"]?.lastError?.hasPrefix("disallowed by robots.txt: it could not be read") == true)
        #expect(states["page"]?.lastError?.contains("connection failed") == true)
        #expect(summary.disallowed == 1)
        #expect(states["flux"]?.lastStatus == "ok")
    }

    @Test("A page set to ignore robots.txt is fetched without asking it, and each configuration load logs a warning")
    func ignoredRobotsIsLogged() async throws {
        let site = try RobotsSite(robotsTxt: "User-agent: *\nDisallow: /\n")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let log = CapturedLog()
        let sources = """
              - name: agenda
                url: \(site.base)/agenda.html
                kind: page
                robots: ignore
            """
        let pipeline = try await site.makePipeline(sources, in: folder, logger: log.logger)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        try await pipeline.replaceConfiguration(with: try LoadedConfiguration.load(directory: folder.configDirectory))

        #expect(site.paths == ["/agenda.html"])
        await #expect(try Self.states(pipeline)["agenda"]?.lastStatus == "ok")
        let warnings = log.text.split(separator: "\n").filter { $0.hasPrefix("source agenda ignores robots.txt") }
        #expect(warnings.count == 2, "\(log.text)")
    }

    @Test("Pages of one origin share one request for robots.txt, across sources and passes")
    func robotsIsReadOncePerOrigin() async throws {
        let site = try RobotsSite(robotsTxt: "User-agent: *\nDisallow: /admin/\n")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(
            """
              - name: une
                url: \(site.base)/une.html
                kind: page
              - name: deux
                url: \(site.base)/deux.html
                kind: page
              - name: trois
                url: \(site.base)/trois.html
                kind: page
            """, in: folder)

        let first = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        #expect(site.paths.filter { $0 == "/robots.txt" }.count == 1)
        #expect(site.paths.filter { $0.hasSuffix(".html") }.count == 6)
        #expect(first.fetched == 3)
    }

    @Test("The longest Allow or Disallow rule decides for a page URL with a query")
    func longestRuleWithQuery() async throws {
        let site = try RobotsSite(robotsTxt: "User-agent: *\nDisallow: /recherche\nAllow: /recherche?theme=public\n")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(
            """
              - name: publique
                url: \(site.base)/recherche?theme=public&page=2
                kind: page
              - name: privee
                url: \(site.base)/recherche?theme=interne
                kind: page
            """, in: folder)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        #expect(site.paths.contains("/recherche?theme=public&page=2"))
        #expect(!site.paths.contains("/recherche?theme=interne"))
        let states = try await Self.states(pipeline)
        #expect(states["publique"]?.lastStatus == "ok")
        #expect(states["privee"]?.lastError?.hasPrefix("disallowed by robots.txt") == true)
    }

    @Test("A refusal is logged as a warning when it starts, not again at each pass that repeats it")
    func refusalIsLoggedOnce() async throws {
        let site = try RobotsSite(robotsTxt: "User-agent: *\nDisallow: /\n")
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let log = CapturedLog()
        let pipeline = try await site.makePipeline(
            """
              - name: page
                url: \(site.base)/page.html
                kind: page
            """, in: folder, logger: log.logger)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let warnings = log.text.split(separator: "\n").filter { $0.hasPrefix("page disallowed by robots.txt") }
        #expect(warnings.count == 1, "\(log.text)")
        await #expect(try Self.states(pipeline)["page"]?.consecutiveFailures == 2)
        #expect(!site.paths.contains("/page.html"))
    }
}
