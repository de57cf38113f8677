import Foundation
import LoopbackHTTP
import Testing

/// `sources list` shows the feed a `discover` source found on its page, once a crawl has read it.
@Suite struct DiscoveredFeedListTests {
    @Test("after a crawl, sources list names the announced feed in its text and as effective_url in --json")
    func discoveredFeedIsListed() throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/robots.txt": return HTTPResponse(status: 404)
            case "/blog/":
                return .text(
                    "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/blog/feed.xml\"></head><body></body></html>",
                    contentType: "text/html")
            case "/blog/feed.xml": return HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(CrawlSite.feed(1).utf8))
            default: return HTTPResponse(status: 404)
            }
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try "sources:\n  - name: blog\n    url: \(server.baseURL)/blog/\n    kind: discover\n"
            .write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        try "fetch:\n  min_host_delay: 0s\n".write(to: config.appendingPathComponent("veilleur.yaml"), atomically: true, encoding: .utf8)
        let state = folder.url.appendingPathComponent("state").path

        let crawl = try CommandRunner.run(["crawl", "--once", "--all", "--quiet", "--config", config.path, "--state", state])
        #expect(crawl.status == 0, "\(crawl.stderr)")

        let table = try CommandRunner.run(["sources", "list", "--config", config.path, "--state", state])
        #expect(table.stdout.contains("blog reads the feed its page announces: \(server.baseURL)/blog/ -> \(server.baseURL)/blog/feed.xml\n"),
                "\(table.stdout)")
        let json = try CommandRunner.run(["sources", "list", "--json", "--config", config.path, "--state", state])
        guard case .array(let rows)? = try JSONTree.parse(json.stdout)["sources"], let row = rows.first else {
            Issue.record("no sources in \(json.stdout)")
            return
        }
        #expect(row["effective_url"]?.string == "\(server.baseURL)/blog/feed.xml")
        #expect(row["kind"]?.string == "discover")
    }
}
