import Fetching
import LoopbackHTTP
import Testing

@Suite struct PerHostQueueTests {
    @Test("A healthy feed queued behind slow feeds of its host is fetched; only the slow ones time out")
    func healthyFeedQueuedBehindSlowFeedsOfItsHostIsFetched() async throws {
        let held = Gate()
        var limits = testLimits
        limits.totalTimeout = .seconds(1)
        limits.maxConnectionsPerHost = 2
        let results = try await withLoopback(limits: limits, { request in
            if request.path.hasPrefix("/slow/") { held.arriveAndWait() }
            return .text("<rss/>", contentType: "application/rss+xml")
        }) { server, fetcher in
            let slow = (0..<4).map { FetchRequest(url: "\(server.baseURL)/slow/\($0)") }
            let results = await fetcher.fetchAll(slow + [FetchRequest(url: server.baseURL + "/healthy")])
            for _ in slow { held.release() }
            return results
        }
        for result in results.dropLast() {
            #expect(result.error?.kind == .timeout)
        }
        guard case .modified(let response) = results.last else {
            Issue.record("the healthy feed ended as \(String(describing: results.last))")
            return
        }
        #expect(response.body == Array("<rss/>".utf8))
    }

    @Test("A request to another host does not wait behind a host at its limit")
    func aRequestToAnotherHostDoesNotWaitBehindAHostAtItsLimit() async throws {
        let held = Gate()
        var limits = testLimits
        limits.maxConnectionsPerHost = 1
        let other = try LoopbackServer { _ in .text("other") }
        defer { other.stop() }
        try await withLoopback(limits: limits, { _ in
            held.arriveAndWait()
            return .text("busy")
        }) { busy, fetcher in
            let first = Task { await fetcher.fetch(FetchRequest(url: busy.baseURL + "/first")) }
            await held.arrival()
            let second = Task { await fetcher.fetch(FetchRequest(url: busy.baseURL + "/second")) }
            // "localhost" names another host than "127.0.0.1", though the same machine answers.
            let elsewhere = await fetcher.fetch(FetchRequest(url: "http://localhost:\(other.port)/"))
            #expect(elsewhere.response?.body == Array("other".utf8))
            #expect(busy.requests.map(\.path) == ["/first"])
            held.release()
            await held.arrival()
            held.release()
            #expect(await first.value.response?.status == 200)
            #expect(await second.value.response?.status == 200)
        }
    }

    @Test("A URL in which no host can be read fails as invalid instead of waiting for a slot")
    func aURLWithoutAHostFailsAsInvalid() async {
        let fetcher = HTTPFetcher(limits: testLimits)
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: "http://exa mple.org/feed"))
        #expect(result.error?.kind == .invalidURL)
    }
}
