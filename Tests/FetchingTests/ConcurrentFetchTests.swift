import Fetching
import LoopbackHTTP
import Testing

@Suite struct ConcurrentFetchTests {
    @Test func twentyFetchesRunTogetherAndEachGetsItsOwnBody() async throws {
        let results = try await withLoopback({ request in .text("body of \(request.path)") }) { server, fetcher in
            let requests = (0..<20).map { FetchRequest(url: "\(server.baseURL)/item/\($0)") }
            return await fetcher.fetchAll(requests)
        }
        #expect(results.count == 20)
        for (index, result) in results.enumerated() {
            #expect(result.response.map { String(decoding: $0.body, as: UTF8.self) } == "body of /item/\(index)")
        }
    }

    /// Starts six fetches whose server holds every answer, and returns how many reached the server.
    private func requestsReachingAHeldServer(with limits: FetchLimits) async throws -> Int {
        let gate = Gate()
        return try await withLoopback(limits: limits, { request in
            if request.path != "/probe" { gate.arriveAndWait() }
            return .text("ok")
        }) { server, fetcher in
            let all = Task { await fetcher.fetchAll((0..<6).map { FetchRequest(url: "\(server.baseURL)/held/\($0)") }) }
            await gate.arrival()
            await gate.arrival()
            // A full round trip from another client gives waiting transfers, had they been started, time to arrive.
            let prober = HTTPFetcher(limits: testLimits)
            _ = await prober.fetch(FetchRequest(url: server.baseURL + "/probe"))
            prober.shutdown()
            let reached = server.requests.filter { $0.path.hasPrefix("/held/") }.count
            for _ in 0..<6 { gate.release() }
            let results = await all.value
            #expect(results.allSatisfy { $0.response?.status == 200 })
            return reached
        }
    }

    @Test func requestsBeyondMaxConcurrentWaitForAFreeSlot() async throws {
        var limits = testLimits
        limits.maxConcurrent = 2
        limits.maxConnectionsPerHost = 8
        #expect(try await requestsReachingAHeldServer(with: limits) == 2)
    }

    @Test func noMoreThanTheConnectionsPerHostReachOneServerAtOnce() async throws {
        var limits = testLimits
        limits.maxConcurrent = 8
        limits.maxConnectionsPerHost = 2
        #expect(try await requestsReachingAHeldServer(with: limits) == 2)
    }

    @Test func userAgentAndExtraHeadersAreSent() async throws {
        try await withLoopback({ _ in .text("ok") }) { server, fetcher in
            _ = await fetcher.fetch(FetchRequest(url: server.baseURL + "/", headers: ["X-Token": "abc"]))
            let seen = server.requests.first?.headers
            #expect(seen?["user-agent"] == "veilleur-tests")
            #expect(seen?["x-token"] == "abc")
        }
    }

    @Test func headerValueWithLineBreakIsRejectedBeforeSending() async throws {
        try await withLoopback({ _ in .text("ok") }) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.baseURL + "/", headers: ["X-Evil": "a\r\nHost: other"]))
            #expect(result.error?.kind == .invalidHeader("X-Evil"))
            #expect(server.requests.isEmpty)
        }
    }

    @Test func shutdownEndsRunningFetchesAsCancelled() async throws {
        let gate = Gate()
        let server = try LoopbackServer { _ in
            gate.arriveAndWait()
            return .text("late")
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(limits: testLimits)
        let pending = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/slow")) }
        await gate.arrival()
        fetcher.shutdown()
        let result = await pending.value
        gate.release()
        #expect(result.error?.kind == .cancelled)
    }

    @Test func fetchAfterShutdownFailsAsCancelled() async {
        let fetcher = HTTPFetcher(limits: testLimits)
        fetcher.shutdown()
        let result = await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:9/"))
        #expect(result.error?.kind == .cancelled)
    }
}
