import Configuration
import Daemon
import Fetching
import Foundation
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Prometheus scrapes what a crawl counted, over real HTTP on loopback, in the text format it parses.
@Suite("Metrics endpoint")
struct MetricsEndpointTests {
    /// A scrape's samples by series (`name{label="value",…}` as written) with their values. Fails the test
    /// on a line that is neither a comment nor `series value`.
    private func samples(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            let value = try #require(parts.count == 2 ? Double(parts[1]) : nil, "not a sample: \(line)")
            samples[String(parts[0])] = value
        }
        return samples
    }

    private func scrape(_ endpoint: MetricsEndpoint, path: String = "/metrics") async -> FetchResult {
        await HTTPFetcher().fetch(FetchRequest(url: "http://\(endpoint.address)\(path)"))
    }

    @Test("A scrape after a crawl shows its fetches, bytes, new items, matches and pass duration")
    func scrapeAfterCrawl() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        let exposition = PrometheusExposition()
        pipeline.metrics = exposition.metrics
        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        let again = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        try await pipeline.gatherStoreMetrics()

        let endpoint = try await MetricsEndpoint.start(
            at: ListenAddress(host: "127.0.0.1", port: 0), serving: exposition, logger: Logger(label: "test"))
        let result = await scrape(endpoint)
        await endpoint.stop()

        guard case .modified(let response) = result else {
            Issue.record("scrape failed: \(result)")
            return
        }
        #expect(response.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = String(decoding: response.body, as: UTF8.self)
        let values = try samples(text)
        #expect(values[#"veilleur_fetches_total{result="modified",reason=""}"#] == Double(summary.fetched))
        #expect(values[#"veilleur_fetches_total{result="not_modified",reason=""}"#] == Double(again.unchanged))
        #expect(values["veilleur_new_items_total"] == Double(summary.newItems))
        #expect(values["veilleur_matches_total"] == Double(summary.newMatches))
        #expect((values["veilleur_fetched_bytes_total"] ?? 0) > 0)
        #expect(values["veilleur_crawl_pass_duration_seconds_count"] == 2)
        #expect(values[#"veilleur_sources{status="ok"}"#] == Double(summary.fetched))
        #expect((values["veilleur_database_bytes"] ?? 0) > 0)
        #expect(text.contains("# TYPE veilleur_scheduling_lag_seconds histogram") == false, "no source was claimed by schedule")
    }

    @Test("Other paths are 404, and a malformed request neither stops the endpoint nor gets metrics")
    func otherRequests() async throws {
        let exposition = PrometheusExposition()
        let endpoint = try await MetricsEndpoint.start(
            at: ListenAddress(host: "127.0.0.1", port: 0), serving: exposition, logger: Logger(label: "test"))
        defer { Task { await endpoint.stop() } }

        guard case .failed(let error) = await scrape(endpoint, path: "/"), case .httpStatus(404) = error.kind else {
            Issue.record("expected a 404 for /")
            return
        }
        let reply = try rawExchange(port: endpoint.address.port, sending: "GARBAGE \u{1}\u{2}\r\n\r\n")
        #expect(reply.hasPrefix("HTTP/1.1 400"), "a malformed request got: \(reply)")
        #expect(!reply.contains("veilleur_"))
        guard case .modified = await scrape(endpoint) else {
            Issue.record("the endpoint stopped answering after a malformed request")
            return
        }
    }

    /// Sends `request` on a fresh connection and returns what comes back until the server closes it.
    private func rawExchange(port: Int, sending request: String) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        _ = request.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, 0) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            reply += buffer[0..<count]
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
