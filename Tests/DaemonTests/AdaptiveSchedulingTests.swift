import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Synchronization
import Testing

/// Each source's interval follows what it publishes, between the bounds of `veilleur.yaml`, and the pace
/// learnt is kept in the store: a restarted daemon goes on from it.
@Suite struct AdaptiveSchedulingTests {
    /// A feed the test drives: `items` items whose GUIDs change whenever `generation` does, sent with
    /// `cacheControl` when set.
    final class Publisher: Sendable {
        final class Feed: Sendable {
            let generation = Atomic(0)
            let failing = Atomic(false)
            let cacheControl = Mutex<String?>(nil)
        }

        let feed = Feed()
        let server: LoopbackServer

        init() throws {
            let feed = feed
            server = try LoopbackServer { _ in
                if feed.failing.load(ordering: .relaxed) { return HTTPResponse(status: 500) }
                let body = CrawlLimitsTests.feed(items: 20, generation: feed.generation.load(ordering: .relaxed))
                var headers: HTTPHeaderFields = ["Content-Type": "application/rss+xml"]
                if let value = feed.cacheControl.withLock({ $0 }) { headers.append("Cache-Control", value) }
                return HTTPResponse(status: 200, headers: headers, body: Array(body.utf8))
            }
        }

        /// The next fetch finds twenty new items.
        func publish() { feed.generation.add(1, ordering: .relaxed) }

        /// The next responses are 500s.
        func fail() { feed.failing.store(true, ordering: .relaxed) }

        /// Sends `value` as the `Cache-Control` of the next responses.
        func cache(_ value: String) { feed.cacheControl.withLock { $0 = value } }
    }

    let clock = BacktestTests.MovableClock()

    /// Rates are counted over times stored as seconds in floating point: equal to a millionth.
    static func close(_ rate: Double?, _ expected: Double) -> Bool {
        rate.map { abs($0 - expected) < 0.000_001 } ?? false
    }

    func pipeline(in folder: TemporaryFolder) async throws -> Pipeline {
        let clock = clock
        return try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"), clock: { clock.now })
    }

    func state(_ pipeline: Pipeline) async throws -> SourceState {
        try #require(try await pipeline.store.sourceStates().first { $0.name == "flot" })
    }

    /// Crawls `flot` once with a new pipeline, `after` seconds after the previous crawl.
    func crawl(in folder: TemporaryFolder, after seconds: TimeInterval) async throws -> SourceState {
        clock.now = clock.now.addingTimeInterval(seconds)
        let pipeline = try await pipeline(in: folder)
        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.failed == 0)
        return try await state(pipeline)
    }

    @Test("a busy source speeds up to the minimum, a silent one slows down, and a restart keeps the pace")
    func intervalFollowsThePublishingRateAcrossRestarts() async throws {
        let publisher = try Publisher()
        defer { publisher.server.stop() }
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: flot\n    url: \(publisher.server.baseURL)/feed.xml\n    interval: 1h\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write("fetch:\n  min_interval: 10m\n  max_interval: 12h\n", to: "config/veilleur.yaml")

        let first = try await crawl(in: folder, after: 0)
        #expect(first.interval == 3600, "the first fetch reads a backlog, not a rate")
        #expect(first.itemsPerDay == nil)

        publisher.publish()
        let busy = try await crawl(in: folder, after: 3600)
        #expect(Self.close(busy.itemsPerDay, 480))
        #expect(busy.interval == 600, "twenty new items an hour asks for the minimum")
        let wait = busy.nextDueAt.timeIntervalSince(clock.now)
        #expect(wait >= 600 && wait <= 660)

        let restarted = try await state(try pipeline(in: folder))
        #expect(restarted.interval == 600 && restarted.itemsPerDay == busy.itemsPerDay && restarted.nextDueAt == busy.nextDueAt)

        let quiet = try await crawl(in: folder, after: 600)
        #expect(quiet.interval == 900, "a fetch with nothing new slows the source down by half")
        #expect(Self.close(quiet.itemsPerDay, 336))

        var interval = quiet.interval ?? 0
        for _ in 0..<12 { interval = try await crawl(in: folder, after: interval).interval ?? 0 }
        #expect(interval == 43_200, "a silent source settles at the maximum")
    }

    @Test("a server's Cache-Control max-age holds a busy source back, up to the maximum interval")
    func cacheLifetimeIsALowerBound() async throws {
        let publisher = try Publisher()
        defer { publisher.server.stop() }
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: flot\n    url: \(publisher.server.baseURL)/feed.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write("fetch:\n  max_interval: 6h\n", to: "config/veilleur.yaml")

        _ = try await crawl(in: folder, after: 0)
        publisher.cache("public, max-age=7200")
        publisher.publish()
        #expect(try await crawl(in: folder, after: 3600).interval == 7200)
        publisher.cache("max-age=31536000")
        publisher.publish()
        #expect(try await crawl(in: folder, after: 7200).interval == 21_600)
    }

    @Test("a failing source backs off from its adapted interval and keeps the pace it learnt")
    func failuresBackOffFromTheAdaptedInterval() async throws {
        let publisher = try Publisher()
        defer { publisher.server.stop() }
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: flot\n    url: \(publisher.server.baseURL)/feed.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")

        _ = try await crawl(in: folder, after: 0)
        publisher.publish()
        let busy = try await crawl(in: folder, after: 3600)
        #expect(busy.interval == 300)
        publisher.fail()
        clock.now = clock.now.addingTimeInterval(300)
        let pipeline = try await pipeline(in: folder)
        #expect(try await pipeline.crawl(try await pipeline.dueSources(all: true)).failed == 1)
        let failed = try await state(pipeline)
        #expect(failed.interval == 300 && failed.itemsPerDay == busy.itemsPerDay)
        let wait = failed.nextDueAt.timeIntervalSince(clock.now)
        #expect(wait >= 600 && wait <= 660, "one failure doubles the adapted interval")
    }

    @Test("a source whose own bounds are equal keeps that interval whatever it publishes")
    func equalSourceBoundsFixTheInterval() async throws {
        let publisher = try Publisher()
        defer { publisher.server.stop() }
        let folder = try TemporaryFolder()
        try folder.write(
            "sources:\n  - name: flot\n    url: \(publisher.server.baseURL)/feed.xml\n    min_interval: 2h\n    max_interval: 2h\n",
            to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")

        #expect(try await crawl(in: folder, after: 0).interval == 7200)
        publisher.publish()
        #expect(try await crawl(in: folder, after: 7200).interval == 7200)
        #expect(try await crawl(in: folder, after: 7200).interval == 7200)
    }
}
