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

    @Test(arguments: [404, 500, 503])
    func nonSuccessStatusFailsWithThatStatus(status: Int) async throws {
        let result = try await withLoopback({ _ in .text("no", status: status) }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/x"))
        }
        #expect(result.error?.kind == .httpStatus(status))
        #expect(result.error?.description.hasSuffix("→ HTTP \(status)") == true)
    }
}
