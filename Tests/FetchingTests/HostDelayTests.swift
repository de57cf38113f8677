import Fetching
import LoopbackHTTP
import Testing

/// The minimum delay between requests to one host, measured by the server that receives them.
@Suite struct HostDelayTests {
    @Test("No two requests to one host reach the server closer than its minimum delay, even with free slots")
    func requestsToOneHostAreSpacedByTheDelay() async throws {
        var limits = testLimits
        limits.minHostDelay = .milliseconds(400)
        limits.maxConnectionsPerHost = 4
        let arrivals = try await withLoopback(limits: limits, { _ in .text("<rss/>", contentType: "application/rss+xml") }) { server, fetcher in
            let results = await fetcher.fetchAll((0..<4).map { FetchRequest(url: "\(server.baseURL)/feed/\($0)") })
            #expect(results.allSatisfy { $0.response?.status == 200 })
            return server.arrivalTimes
        }
        #expect(arrivals.count == 4)
        // The delay counts from when the client starts a request; the server sees it a connection later,
        // and that lag varies between requests: 100 ms are allowed for it.
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(earlier.duration(to: later) >= .milliseconds(300))
        }
    }

    @Test("A host waiting out its delay holds back no request to another host")
    func aDelayedHostHoldsBackNoOtherHost() async throws {
        let other = try LoopbackServer { _ in .text("other") }
        defer { other.stop() }
        var limits = testLimits
        // "127.0.0.1" and "localhost" are two hosts, though the same machine answers.
        limits.hostRules = ["127.0.0.1": HostRule(minDelay: .seconds(3600)), "LocalHost": HostRule(minDelay: .zero)]
        try await withLoopback(limits: limits, { _ in .text("slow") }) { slow, fetcher in
            #expect(await fetcher.fetch(FetchRequest(url: slow.baseURL + "/first")).response?.status == 200)
            let delayed = Task { await fetcher.fetch(FetchRequest(url: slow.baseURL + "/second")) }
            for index in 0..<3 {
                let elsewhere = await fetcher.fetch(FetchRequest(url: "http://localhost:\(other.port)/\(index)"))
                #expect(elsewhere.response?.body == Array("other".utf8))
            }
            #expect(slow.requests.map(\.path) == ["/first"], "the second request waits out the hour")
            delayed.cancel()
            #expect(await delayed.value.error?.kind == .cancelled)
        }
    }
}
