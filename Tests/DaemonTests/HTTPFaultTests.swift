import Daemon
import Foundation
import LoopbackHTTP
import Model
import Storage
import Testing

/// What a crawl makes of a server misbehaving or moving, over real HTTP on loopback. Every case runs next
/// to a healthy source (`news`) that must come out of the same pass untouched.
@Suite struct HTTPFaultTests {
    /// How a server may say how long to wait.
    enum RetryForm: String, CaseIterable, Sendable {
        case seconds, httpDate
    }

    @Test(
        "A 429 or a 503 with Retry-After, in seconds or as a date, makes the next fetch wait at least that long",
        arguments: [429, 503], RetryForm.allCases)
    func retryAfterIsHonoured(status: Int, form: RetryForm) async throws {
        let wait: TimeInterval = 7200
        // An HTTP date has whole seconds: the time asked for is this one, rounded down.
        let askedFor = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + wait).rounded(.down))
        let value = form == .seconds ? "\(Int(wait))" : Self.httpDate(askedFor)
        let site = try FaultSite { _ in HTTPResponse(status: status, headers: ["Retry-After": value]) }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        let before = Date()
        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = try await Self.states(pipeline)
        let faulty = try #require(states["faulty"])
        #expect(faulty.lastError?.contains("HTTP \(status)") == true)
        #expect(faulty.nextDueAt >= (form == .seconds ? before.addingTimeInterval(wait) : askedFor))
        #expect(summary.failed == 1)
        try Self.expectHealthy(states, summary: summary, newItems: 3)
    }

    @Test("A 301 or a 308 is remembered: the next fetch goes to the new URL, the configuration stays as written", arguments: [301, 308])
    func permanentRedirectIsFollowedNextTime(status: Int) async throws {
        let site = try FaultSite { request in
            request.path == "/faulty.xml"
                ? .redirect(to: "/moved/faulty.xml", status: status)
                : FaultSite.feed(FaultSite.faultyRSS, etag: "\"faulty-v1\"", for: request)
        }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)
        let configured = try String(contentsOf: folder.configDirectory.appendingPathComponent("sources.yaml"), encoding: .utf8)

        let first = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(first.fetched == 2)
        await #expect(try Self.states(pipeline)["faulty"]?.effectiveURL == site.base + "/moved/faulty.xml")

        let second = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(site.faultyRequests == ["/faulty.xml", "/moved/faulty.xml", "/moved/faulty.xml"])
        #expect(site.server.requests.last { $0.path == "/moved/faulty.xml" }?.headers["if-none-match"] == "\"faulty-v1\"")
        #expect(second.unchanged == 2)
        let unchanged = try String(contentsOf: folder.configDirectory.appendingPathComponent("sources.yaml"), encoding: .utf8)
        #expect(unchanged == configured)
        try await Self.expectHealthy(try Self.states(pipeline), summary: first, newItems: 5)
    }

    @Test("A 302 or a 307 is followed each time and never remembered", arguments: [302, 307])
    func temporaryRedirectIsNotRemembered(status: Int) async throws {
        let site = try FaultSite { request in
            request.path == "/faulty.xml"
                ? .redirect(to: "/elsewhere/faulty.xml", status: status)
                : FaultSite.feed(FaultSite.faultyRSS, etag: "\"faulty-v1\"", for: request)
        }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        let first = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(site.faultyRequests == ["/faulty.xml", "/elsewhere/faulty.xml", "/faulty.xml", "/elsewhere/faulty.xml"])
        await #expect(try Self.states(pipeline)["faulty"]?.effectiveURL == nil)
        try await Self.expectHealthy(try Self.states(pipeline), summary: first, newItems: 5)
    }

    @Test("A source gone (410) at the URL it moved to is retired like one gone at its configured URL")
    func goneAtTheEffectiveURLRetires() async throws {
        let phase = Phase()
        let site = try FaultSite { request in
            if request.path == "/faulty.xml" { return .redirect(to: "/moved/faulty.xml", status: 301) }
            if phase.current > 0 { return HTTPResponse(status: 410) }
            return FaultSite.feed(FaultSite.faultyRSS, etag: "\"faulty-v1\"", for: request)
        }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        phase.advance()

        let before = Date()
        let second = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = try await Self.states(pipeline)
        let faulty = try #require(states["faulty"])
        #expect(faulty.lastError?.contains("HTTP 410") == true)
        #expect(faulty.lastError?.contains("gone") == true)
        #expect(faulty.nextDueAt.timeIntervalSince(before) >= 86_400)
        #expect(site.faultyRequests == ["/faulty.xml", "/moved/faulty.xml", "/moved/faulty.xml"])
        #expect(second.failed == 1 && second.unchanged == 1)
        #expect(states["news"]?.consecutiveFailures == 0)
    }

    @Test("A gzip body cut short fails the fetch and keeps the items and validators of the last good one")
    func truncatedGzipBody() async throws {
        let phase = Phase()
        let site = try FaultSite { request in
            guard phase.current > 0 else { return FaultSite.feed(FaultSite.faultyRSS, etag: "\"faulty-v1\"", for: request) }
            let changed = FaultSite.faultyRSS.replacingOccurrences(of: "faulty-2", with: "faulty-3")
            let compressed = gzipStored(Array(changed.utf8))
            return HTTPResponse(
                status: 200,
                headers: ["Content-Type": "application/rss+xml", "Content-Encoding": "gzip", "ETag": "\"faulty-v2\""],
                body: Array(compressed.prefix(compressed.count / 2)))
        }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        phase.advance()

        let second = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = try await Self.states(pipeline)
        let faulty = try #require(states["faulty"])
        #expect(faulty.lastStatus == "failed")
        #expect(faulty.consecutiveFailures == 1)
        #expect(faulty.etag == "\"faulty-v1\"", "the next fetch asks again for what it could not read")
        await #expect(try pipeline.store.findItem("faulty-1")?.source == "faulty")
        await #expect(try pipeline.store.findItem("faulty-2")?.source == "faulty")
        await #expect(try pipeline.store.findItem("faulty-3") == nil)
        #expect(second.failed == 1 && second.unchanged == 1)
        #expect(states["news"]?.lastStatus == "unchanged")
    }

    @Test(
        "A feed under a wrong or malformed Content-Type is still read by its content",
        arguments: ["text/html", "application/octet-stream", "text/plain; charset=utf-8", "text/xml; charset=", "garbage;;;==",
                    "text/xml; charset=klingon", ""])
    func wrongContentType(contentType: String) async throws {
        let site = try FaultSite { request in
            FaultSite.feed(FaultSite.faultyRSS, etag: "\"faulty-v1\"", contentType: contentType, for: request)
        }
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await site.makePipeline(in: folder)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = try await Self.states(pipeline)
        #expect(states["faulty"]?.lastStatus == "ok", "\(states["faulty"]?.lastError ?? "")")
        await #expect(try pipeline.store.findItem("faulty-2")?.item.title == "Second article")
        try Self.expectHealthy(states, summary: summary, newItems: 5)
    }

    private static func states(_ pipeline: Pipeline) async throws -> [String: SourceState] {
        Dictionary(uniqueKeysWithValues: try await pipeline.store.sourceStates().map { ($0.name, $0) })
    }

    /// The healthy source came out of the pass fetched and clean, and the pass stored `newItems` in all.
    private static func expectHealthy(_ states: [String: SourceState], summary: CrawlSummary, newItems: Int) throws {
        let news = try #require(states["news"])
        #expect(news.lastStatus == "ok" || news.lastStatus == "unchanged")
        #expect(news.consecutiveFailures == 0 && news.lastError == nil)
        #expect(summary.newItems == newItems)
    }

    private static func httpDate(_ date: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return format.string(from: date)
    }
}
