import Fetching
import LoopbackHTTP
import Testing

@Suite struct LimitTests {
    private static let smallBody: FetchLimits = {
        var limits = testLimits
        limits.maxBodyBytes = 1000
        return limits
    }()

    @Test func bodyOverTheLimitWithContentLengthFails() async throws {
        let result = try await withLoopback(limits: Self.smallBody, { _ in
            HTTPResponse(status: 200, body: [UInt8](repeating: 65, count: 5000))
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/big"))
        }
        #expect(result.error?.kind == .bodyTooLarge(limit: 1000))
    }

    @Test func chunkedBodyOverTheLimitFails() async throws {
        let result = try await withLoopback(limits: Self.smallBody, { _ in
            HTTPResponse(status: 200, body: [UInt8](repeating: 65, count: 200_000), framing: .chunked)
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/big"))
        }
        #expect(result.error?.kind == .bodyTooLarge(limit: 1000))
    }

    @Test func compressedBodyThatDecodesPastTheLimitFails() async throws {
        let bomb = try gzip([UInt8](repeating: 0, count: 100_000))
        #expect(bomb.count < 1000)
        let result = try await withLoopback(limits: Self.smallBody, { _ in
            HTTPResponse(status: 200, headers: ["Content-Encoding": "gzip"], body: bomb)
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/bomb"))
        }
        #expect(result.error?.kind == .bodyTooLarge(limit: 1000))
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() async throws {
        let result = try await withLoopback(limits: Self.smallBody, { _ in
            HTTPResponse(status: 200, body: [UInt8](repeating: 65, count: 1000), framing: .untilClose)
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/exact"))
        }
        #expect(result.response?.body.count == 1000)
    }

    @Test func connectionRefusedFailsWithConnect() async throws {
        let closed = try LoopbackServer { _ in .text("unused") }
        let url = closed.baseURL + "/"
        closed.stop()
        let fetcher = HTTPFetcher(limits: testLimits)
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: url))
        #expect(result.error?.kind == .connect)
    }

    @Test func serverThatDoesNotAnswerInTimeFailsWithTimeout() async throws {
        let gate = Gate()
        var limits = testLimits
        limits.totalTimeout = .seconds(1)
        let result = try await withLoopback(limits: limits, { _ in
            gate.arriveAndWait()
            return .text("too late")
        }) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.baseURL + "/slow"))
            gate.release()
            return result
        }
        #expect(result.error?.kind == .timeout)
    }

    @Test("A request that keeps a prefix gets the first bytes of a longer body, marked truncated, whatever the framing",
          arguments: [HTTPResponse.Framing.contentLength, .chunked, .untilClose])
    func prefixOfALongerBody(framing: HTTPResponse.Framing) async throws {
        let body = (0..<5000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let result = try await withLoopback(limits: Self.smallBody, { _ in HTTPResponse(status: 200, body: body, framing: framing) }) {
            server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/long", keepFirstBytes: 300))
        }
        let response = try #require(result.response)
        #expect(response.body == Array(body.prefix(300)))
        #expect(response.truncated)
    }

    @Test("A prefix never raises the fetcher's limit, and a body that fits is not marked truncated")
    func prefixWithinTheLimit() async throws {
        let body = [UInt8](repeating: 66, count: 800)
        let (fits, cut) = try await withLoopback(limits: Self.smallBody, { request in
            HTTPResponse(status: 200, body: request.path == "/short" ? body : body + body)
        }) { server, fetcher in
            (await fetcher.fetch(FetchRequest(url: server.baseURL + "/short", keepFirstBytes: 5000)),
             await fetcher.fetch(FetchRequest(url: server.baseURL + "/long", keepFirstBytes: 5000)))
        }
        #expect(fits.response?.body == body)
        #expect(fits.response?.truncated == false)
        #expect(cut.response?.body.count == 1000, "cut at the fetcher's limit, the smaller of the two")
        #expect(cut.response?.truncated == true)
    }
}
