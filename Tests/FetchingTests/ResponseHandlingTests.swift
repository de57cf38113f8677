import Fetching
import LoopbackHTTP
import Testing

@Suite struct ResponseHandlingTests {
    @Test func gzipEncodedBodyArrivesDecoded() async throws {
        let text = "<rss><channel><title>Veille</title></channel></rss>\n"
        let compressed = try gzip(Array(text.utf8))
        let result = try await withLoopback({ _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml", "Content-Encoding": "gzip"], body: compressed)
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed.xml"))
        }
        #expect(result.response?.body == Array(text.utf8))
        #expect(result.response?.contentType == "application/rss+xml")
    }

    @Test func validatorsFromTheFirstResponseYieldNotModifiedOnTheSecond() async throws {
        let etag = "\"v1\""
        let lastModified = "Tue, 03 Jun 2025 10:00:00 GMT"
        try await withLoopback({ request in
            if request.headers["if-none-match"] == etag {
                return HTTPResponse(status: 304, headers: ["ETag": etag])
            }
            return HTTPResponse(status: 200, headers: ["ETag": etag, "Last-Modified": lastModified], body: Array("fresh".utf8))
        }) { server, fetcher in
            let url = server.baseURL + "/feed"
            let first = await fetcher.fetch(FetchRequest(url: url))
            guard case .modified(let response) = first else {
                Issue.record("first fetch: \(first)")
                return
            }
            #expect(response.etag == etag)
            #expect(response.lastModified == lastModified)

            let second = await fetcher.fetch(FetchRequest(url: url, etag: response.etag, lastModified: response.lastModified))
            guard case .notModified(let unchanged) = second else {
                Issue.record("second fetch: \(second)")
                return
            }
            #expect(unchanged.status == 304)
            #expect(unchanged.body.isEmpty)
            let conditional = server.requests.last?.headers
            #expect(conditional?["if-none-match"] == etag)
            #expect(conditional?["if-modified-since"] == lastModified)
        }
    }

    /// Validators that once disabled a source for good: every later request failed before it was sent.
    private static let hostileValidators = ["\"a\rb\"", "\"a\u{0B}b\"", "\"a\u{0C}b\"", "\"a\u{85}b\"", "\"a\u{2028}b\""]

    @Test("A response's ETag or Last-Modified with a forbidden character is not kept, and the next request goes out unconditional",
          arguments: hostileValidators)
    func hostileValidatorOfAResponseIsNotKept(hostile: String) async throws {
        try await withLoopback({ request in
            if request.headers["if-none-match"] != nil || request.headers["if-modified-since"] != nil {
                return .text("conditional", status: 400)
            }
            return HTTPResponse(status: 200, headers: ["ETag": hostile, "Last-Modified": "Tue, 03 Jun 2025 10:00:00 GMT\(hostile)"],
                                body: Array("fresh".utf8))
        }) { server, fetcher in
            let url = server.baseURL + "/feed"
            let first = await fetcher.fetch(FetchRequest(url: url))
            #expect(first.response?.etag == nil)
            #expect(first.response?.lastModified == nil)
            let second = await fetcher.fetch(FetchRequest(url: url, etag: first.response?.etag, lastModified: first.response?.lastModified))
            guard case .modified(let response) = second else {
                Issue.record("second fetch: \(second)")
                return
            }
            #expect(response.body == Array("fresh".utf8))
            #expect(server.requests.count == 2)
        }
    }

    @Test("A stored ETag or Last-Modified with a forbidden character is left out of the request instead of failing it",
          arguments: hostileValidators)
    func hostileStoredValidatorDoesNotBlockTheRequest(hostile: String) async throws {
        try await withLoopback({ _ in .text("fixed") }) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed", etag: hostile, lastModified: "Tue\(hostile)"))
            #expect(result.response?.body == Array("fixed".utf8))
            let sent = server.requests.last?.headers
            #expect(sent?["if-none-match"] == nil)
            #expect(sent?["if-modified-since"] == nil)
        }
    }

    @Test(arguments: [404, 500, 503])
    func nonSuccessStatusFailsWithThatStatus(status: Int) async throws {
        let result = try await withLoopback({ _ in .text("no", status: status) }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/x"))
        }
        #expect(result.error?.kind == .httpStatus(status))
        #expect(result.error?.description.hasSuffix("→ HTTP \(status)") == true)
    }
}

extension ResponseHandlingTests {
    @Test("A user agent with a line break fails the request instead of injecting a header into it")
    func userAgentWithLineBreakIsRefused() async throws {
        var limits = testLimits
        limits.userAgent = "veilleur\r\nX-Injected: yes"
        let (result, requests) = try await withLoopback(limits: limits, { _ in .text("ok") }) { server, fetcher in
            (await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed")), server.requests)
        }
        #expect(result.error?.kind == .invalidHeader("User-Agent"))
        #expect(requests.isEmpty, "nothing was sent")
    }
}
