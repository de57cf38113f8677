import Fetching
import LoopbackHTTP
import Testing

/// How transfers reach servers: reused connections, a configured proxy, the headers sent.
@Suite struct ConnectionTests {
    @Test("Two requests in a row to one host go over one connection when the server keeps it open")
    func sequentialRequestsReuseTheConnection() async throws {
        let server = try LoopbackServer(keepAlive: true) { request in .text("at \(request.path)") }
        let fetcher = HTTPFetcher(limits: testLimits)
        defer {
            fetcher.shutdown()
            server.stop()
        }
        let first = await fetcher.fetch(FetchRequest(url: server.baseURL + "/a.xml"))
        let second = await fetcher.fetch(FetchRequest(url: server.baseURL + "/b.xml"))
        #expect(first.response?.body == Array("at /a.xml".utf8))
        #expect(second.response?.body == Array("at /b.xml".utf8))
        #expect(server.requests.count == 2)
        #expect(server.connectionsAccepted == 1)
    }

    @Test("A configured proxy receives the request in absolute form, and the host is never contacted directly")
    func configuredProxyIsUsed() async throws {
        let proxy = try LoopbackServer { request in .text("proxied \(request.path)") }
        defer { proxy.stop() }
        var limits = testLimits
        limits.proxy = proxy.baseURL
        let fetcher = HTTPFetcher(limits: limits)
        defer { fetcher.shutdown() }
        // .invalid never resolves (RFC 6761): only the proxy can answer.
        let result = await fetcher.fetch(FetchRequest(url: "http://feeds.example.invalid/feed.xml"))
        #expect(result.response?.body == Array("proxied http://feeds.example.invalid/feed.xml".utf8))
        #expect(proxy.requests.first?.headers["host"] == "feeds.example.invalid")
    }

    @Test("A source's headers and cookie reach the server, and a header with a line break is refused, not sent")
    func sourceHeadersAreSent() async throws {
        try await withLoopback({ _ in .text("ok") }) { server, fetcher in
            let headers = ["Accept-Language": "fr", "Cookie": "consent=yes; lang=fr"]
            let sent = await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed.xml", headers: headers))
            #expect(sent.response?.status == 200)
            #expect(server.requests.first?.headers["accept-language"] == "fr")
            #expect(server.requests.first?.headers["cookie"] == "consent=yes; lang=fr")

            let injected = ["X-Test": "a\r\nX-Injected: 1"]
            let refused = await fetcher.fetch(FetchRequest(url: server.baseURL + "/other.xml", headers: injected))
            #expect(refused.error?.kind == .invalidHeader("X-Test"))
            #expect(server.requests.count == 1)
        }
    }
}
