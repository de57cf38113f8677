import Fetching
import LoopbackHTTP
import Testing

@Suite struct CancellationTests {
    @Test func cancellingTheCallerAbortsARunningTransfer() async throws {
        let gate = Gate()
        try await withLoopback({ _ in
            gate.arriveAndWait()
            return .text("late")
        }) { server, fetcher in
            let running = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/slow")) }
            await gate.arrival()
            running.cancel()
            let result = await running.value
            gate.release()
            #expect(result.error?.kind == .cancelled)
        }
    }

    @Test func cancellingTheCallerRemovesAQueuedRequest() async throws {
        let gate = Gate()
        var limits = testLimits
        limits.maxConcurrent = 1
        try await withLoopback(limits: limits, { _ in
            gate.arriveAndWait()
            return .text("ok")
        }) { server, fetcher in
            let first = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/first")) }
            await gate.arrival()
            let queued = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/queued")) }
            queued.cancel()
            let queuedResult = await queued.value
            gate.release()
            let firstResult = await first.value
            #expect(queuedResult.error?.kind == .cancelled)
            #expect(firstResult.response?.status == 200)
            #expect(!server.requests.contains { $0.path == "/queued" })
        }
    }

    @Test("Cancelling a request that waits for a slot of its host takes it out of the queue")
    func cancellingARequestWaitingForItsHostRemovesIt() async throws {
        let gate = Gate()
        var limits = testLimits
        limits.maxConcurrent = 8
        limits.maxConnectionsPerHost = 1
        try await withLoopback(limits: limits, { _ in
            gate.arriveAndWait()
            return .text("ok")
        }) { server, fetcher in
            let first = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/first")) }
            await gate.arrival()
            let queued = Task { await fetcher.fetch(FetchRequest(url: server.baseURL + "/queued")) }
            queued.cancel()
            let queuedResult = await queued.value
            gate.release()
            let firstResult = await first.value
            #expect(queuedResult.error?.kind == .cancelled)
            #expect(firstResult.response?.status == 200)
            #expect(!server.requests.contains { $0.path == "/queued" })
        }
    }
}
