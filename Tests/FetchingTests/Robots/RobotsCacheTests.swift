import Foundation
import LoopbackHTTP
import Synchronization
import Testing
@testable import Fetching

/// How robots.txt files are read, shared and kept: against loopback servers, with a clock the test moves.
@Suite struct RobotsCacheTests {
    /// A clock that moves only when the test says so.
    final class TestClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    private static func robotsRequests(_ server: LoopbackServer) -> Int {
        server.requests.filter { $0.path == "/robots.txt" }.count
    }

    @Test("The robots.txt of a URL is at its origin, without its credentials, query or fragment; rules see its path and query")
    func location() throws {
        let page = try #require(RobotsLocation(url: "https://lecteur:secret@example.org:8443/a/b%20c?x=1&y=2#haut"))
        #expect(page.robotsURL == "https://example.org:8443/robots.txt")
        #expect(page.pathAndQuery == "/a/b%20c?x=1&y=2")
        #expect(page.origin == HostKey(scheme: "https", host: "example.org", port: 8443))
        let root = try #require(RobotsLocation(url: "http://example.org"))
        #expect(root.robotsURL == "http://example.org/robots.txt")
        #expect(root.pathAndQuery == "/")
        #expect(root.origin == HostKey(scheme: "http", host: "example.org", port: 80))
    }

    @Test("Questions asked at once about one origin share one request for its robots.txt")
    func concurrentQuestionsShareOneRequest() async throws {
        let gate = Gate()
        try await withLoopback({ request in
            guard request.path == "/robots.txt" else { return HTTPResponse(status: 404) }
            gate.arriveAndWait()
            return .text("User-agent: *\nDisallow: /prive\n")
        }) { server, fetcher in
            let cache = RobotsCache()
            let paths = (0..<8).map { $0 % 2 == 0 ? "/prive/\($0)" : "/public/\($0)" }
            let verdicts = await withTaskGroup(of: (String, RobotsVerdict).self) { group in
                for path in paths {
                    group.addTask { (path, await cache.verdict(for: server.baseURL + path, using: fetcher)) }
                }
                await gate.arrival()
                // Enough for every question, so that a request too many would be counted, not left hanging.
                for _ in paths { gate.release() }
                var verdicts: [String: RobotsVerdict] = [:]
                for await (path, verdict) in group { verdicts[path] = verdict }
                return verdicts
            }
            #expect(Self.robotsRequests(server) == 1)
            for path in paths {
                #expect((verdicts[path] == .allowed) == path.hasPrefix("/public"), "\(path)")
            }
        }
    }

    @Test("A robots.txt read is kept for 24 hours, then read again")
    func readFileIsKeptADay() async throws {
        try await withLoopback({ _ in .text("User-agent: *\nDisallow: /prive\n") }) { server, fetcher in
            let clock = TestClock()
            let cache = RobotsCache(now: { clock.now })
            let url = server.baseURL + "/prive/page"
            #expect(await cache.verdict(for: url, using: fetcher) == .disallowed(reason: "disallowed by robots.txt (\(server.baseURL)/robots.txt)"))
            clock.advance(by: RobotsCache.lifetime - 1)
            _ = await cache.verdict(for: url, using: fetcher)
            #expect(Self.robotsRequests(server) == 1)
            clock.advance(by: 2)
            _ = await cache.verdict(for: url, using: fetcher)
            #expect(Self.robotsRequests(server) == 2)
        }
    }

    @Test("An unreachable robots.txt disallows everything for an hour, then is asked again")
    func unreachableFileIsAskedAgainWithinTheHour() async throws {
        let answered = Mutex(0)
        try await withLoopback({ _ in
            let count = answered.withLock { $0 += 1; return $0 }
            return count == 1 ? HTTPResponse(status: 500) : .text("User-agent: *\nAllow: /\n")
        }) { server, fetcher in
            let clock = TestClock()
            let cache = RobotsCache(now: { clock.now })
            let url = server.baseURL + "/page"
            guard case .disallowed(let reason) = await cache.verdict(for: url, using: fetcher) else {
                Issue.record("a 500 must disallow")
                return
            }
            #expect(reason.hasPrefix("disallowed by robots.txt: it could not be read") && reason.contains("HTTP 500"))
            clock.advance(by: RobotsCache.failureLifetime - 1)
            #expect(await cache.verdict(for: url, using: fetcher) != .allowed)
            #expect(Self.robotsRequests(server) == 1)
            clock.advance(by: 2)
            #expect(await cache.verdict(for: url, using: fetcher) == .allowed)
            #expect(Self.robotsRequests(server) == 2)
        }
    }

    @Test("A robots.txt longer than what is parsed is read up to there, not refused: its rules apply")
    func longFileIsReadUpToTheParsedPrefix() async throws {
        let padding = String(repeating: "# commentaire de remplissage\n", count: RobotsCache.parsedBytes / 28 + 100)
        let file = "User-agent: *\nDisallow: /prive\n" + padding + "Disallow: /public\n"
        #expect(file.utf8.count > RobotsCache.parsedBytes)
        try await withLoopback({ _ in .text(file) }) { server, fetcher in
            let cache = RobotsCache()
            #expect(await cache.verdict(for: server.baseURL + "/prive/page", using: fetcher) != .allowed)
            #expect(await cache.verdict(for: server.baseURL + "/public/page", using: fetcher) == .allowed, "a rule past the prefix is not read")
            #expect(Self.robotsRequests(server) == 1)
        }
    }

    @Test("More redirects than the fetcher follows leave robots.txt missing: everything is allowed")
    func redirectLoopAllows() async throws {
        try await withLoopback({ _ in .redirect(to: "/robots.txt") }) { server, fetcher in
            let cache = RobotsCache()
            #expect(await cache.verdict(for: server.baseURL + "/page", using: fetcher) == .allowed)
            #expect(Self.robotsRequests(server) == testLimits.maxRedirects + 1)
        }
    }

    @Test("Past its capacity the cache forgets the origin read longest ago")
    func oldestOriginIsForgotten() async throws {
        let servers = try (0..<3).map { _ in try LoopbackServer { _ in .text("User-agent: *\nAllow: /\n") } }
        defer { servers.forEach { $0.stop() } }
        let fetcher = HTTPFetcher(limits: testLimits)
        defer { fetcher.shutdown() }
        let cache = RobotsCache(capacity: 2)
        for server in servers {
            _ = await cache.verdict(for: server.baseURL + "/page", using: fetcher)
        }
        #expect(await cache.count == 2)
        _ = await cache.verdict(for: servers[0].baseURL + "/page", using: fetcher)
        _ = await cache.verdict(for: servers[2].baseURL + "/page", using: fetcher)
        #expect(servers.map(Self.robotsRequests) == [2, 1, 1])
    }
}
