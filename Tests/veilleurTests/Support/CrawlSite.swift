import Foundation
import LoopbackHTTP

/// A loopback site with a few small feeds and one source that always fails, and the configuration
/// folder that reads them, for commands run end to end.
final class CrawlSite: Sendable {
    /// Feeds that answer, each with ``itemsPerFeed`` items.
    static let feedCount = 5
    static let itemsPerFeed = 2

    let server: LoopbackServer

    init() throws {
        server = try LoopbackServer { request in
            guard let number = request.path.wholeMatch(of: /\/feed-(\d+)\.xml/).flatMap({ Int($0.1) }) else {
                return HTTPResponse.text("broken on purpose", status: 500)
            }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Self.feed(number).utf8))
        }
    }

    deinit { server.stop() }

    /// Feed `number`: items `feed-N-1`…, the first of each about green hydrogen.
    static func feed(_ number: Int) -> String {
        let items = (1...itemsPerFeed).map { index in
            let title = index == 1 ? "Hydrogène vert : appel à projets \(number)" : "Chronique \(number).\(index)"
            return "<item><title>\(title)</title><link>http://example.org/\(number)/\(index)</link><guid>feed-\(number)-\(index)</guid></item>"
        }
        return "<rss version=\"2.0\"><channel><title>Flux \(number)</title>\(items.joined())</channel></rss>"
    }

    /// Writes `config/` under `folder`: the feeds, the broken source and one profile, `veille`.
    func writeConfiguration(in folder: URL) throws -> URL {
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        var sources = "sources:\n"
        for number in 1...Self.feedCount {
            sources += "  - name: flux-\(number)\n    url: \(server.baseURL)/feed-\(number).xml\n"
        }
        sources += "  - name: en-panne\n    url: \(server.baseURL)/broken.xml\n"
        try sources.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        // All the feeds come from one loopback host, which needs no politeness.
        try "fetch:\n  min_host_delay: 0s\n".write(to: config.appendingPathComponent("veilleur.yaml"), atomically: true, encoding: .utf8)
        try """
            name: "Veille hydrogène"
            kind: filière
            min_score: 1
            topics:
              - name: Hydrogène
                weight: 2
                keywords: [hydrogène, "appel à projets"]
            """.write(to: config.appendingPathComponent("profiles/veille.yaml"), atomically: true, encoding: .utf8)
        return config
    }
}
