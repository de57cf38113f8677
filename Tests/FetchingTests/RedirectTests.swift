import Fetching
import LoopbackHTTP
import Testing

@Suite struct RedirectTests {
    /// `/temporary` → 302, `/moved` → 301, `/old` → 308 to `/moved`, `/chain` → 308 then 302, `/loop` → itself; anything else answers its path.
    private static func routes(_ request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/temporary": .redirect(to: "/target", status: 302)
        case "/moved": .redirect(to: "/new-home", status: 301)
        case "/old": .redirect(to: "/moved", status: 308)
        case "/chain": .redirect(to: "/hop", status: 308)
        case "/hop": .redirect(to: "/end", status: 302)
        case "/loop": .redirect(to: "/loop", status: 302)
        case "/to-file": .redirect(to: "file:///etc/passwd")
        case "/to-ftp": .redirect(to: "ftp://127.0.0.1/pub/file")
        default: .text("at \(request.path)")
        }
    }

    @Test func temporaryRedirectIsFollowedWithoutBeingReportedPermanent() async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let response = await fetcher.fetch(FetchRequest(url: server.baseURL + "/temporary")).response
            #expect(response?.finalURL == server.baseURL + "/target")
            #expect(response?.body == Array("at /target".utf8))
            #expect(response?.permanentRedirect == nil)
        }
    }

    @Test func movedPermanentlyReportsItsTarget() async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let response = await fetcher.fetch(FetchRequest(url: server.baseURL + "/moved")).response
            #expect(response?.permanentRedirect == server.baseURL + "/new-home")
            #expect(response?.finalURL == server.baseURL + "/new-home")
        }
    }

    @Test("A chain with one temporary hop after a permanent one is not reported as a move")
    func chainWithATemporaryHopIsNotPermanent() async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let response = await fetcher.fetch(FetchRequest(url: server.baseURL + "/chain")).response
            #expect(response?.permanentRedirect == nil)
            #expect(response?.finalURL == server.baseURL + "/end")
        }
    }

    @Test("A chain of permanent redirects only reports where it ends")
    func chainOfPermanentRedirectsReportsItsEnd() async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let response = await fetcher.fetch(FetchRequest(url: server.baseURL + "/old")).response
            #expect(response?.permanentRedirect == server.baseURL + "/new-home")
            #expect(response?.body == Array("at /new-home".utf8))
        }
    }

    @Test func redirectLoopFailsWithTooManyRedirects() async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.baseURL + "/loop"))
            #expect(result.error?.kind == .tooManyRedirects)
        }
    }

    @Test(arguments: ["/to-file", "/to-ftp"])
    func redirectToAnotherSchemeIsRefused(path: String) async throws {
        try await withLoopback(Self.routes) { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.baseURL + path))
            #expect(result.error?.kind == .forbiddenScheme)
        }
    }

    @Test func requestedFileURLIsRefused() async {
        let fetcher = HTTPFetcher(limits: testLimits)
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: "file:///etc/passwd"))
        #expect(result.error?.kind == .forbiddenScheme)
    }
}
