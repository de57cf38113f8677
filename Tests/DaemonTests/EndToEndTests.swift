import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Testing

/// The whole pipeline over real HTTP on loopback: crawl, store, digest, then a conditional re-crawl.
@Suite struct EndToEndTests {
    @Test func aCrawlStoresNewItemsOnceAndTheDigestRanksThem() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)

        let first = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(first.fetched == 2)
        #expect(first.failed == 0)
        // 3 + 2 items, but the partner's copy of news-1 has the same canonical link.
        #expect(first.newItems == 4)
        // news-1, news-2 and the BTP item match; the job offer is excluded.
        #expect(first.newMatches == 3)

        let written = try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let files = try #require(written["circulaire"])
        let markdownURL = try #require(files.first { $0.pathExtension == "md" })
        let markdown = try String(contentsOf: markdownURL, encoding: .utf8)
        #expect(markdownURL.path.hasSuffix("digests/2026-11-25/circulaire.md"))

        // Either source's copy of news-1 may be read first: both titles say so.
        let strong = try #require(markdown.range(of: "usine recycle"))
        let weak = try #require(markdown.range(of: "Rencontre régionale"))
        #expect(strong.lowerBound < weak.lowerBound, "the item with the terms in its title ranks first")
        #expect(markdown.contains("Les déchets du BTP"))
        #expect(!markdown.contains("technicien"), "an exclusion wins over a match")

        let jsonURL = try #require(files.first { $0.pathExtension == "json" })
        let items = try digestItems(jsonURL)
        #expect(items.count == 3)
        let scores = items.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func aSecondCrawlSendsValidatorsGets304AndAddsNothing() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)

        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        let second = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(second.unchanged == 2)
        #expect(second.fetched == 0)
        #expect(second.newItems == 0)
        #expect(second.newMatches == 0)

        let conditional = site.server.requests.suffix(2)
        #expect(conditional.count == 2)
        #expect(conditional.allSatisfy { $0.headers["if-none-match"] != nil && $0.headers["if-modified-since"] != nil })
    }

    @Test func itemsAppearInExactlyOneDigestAndRewritingAPeriodKeepsItsItems() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        func itemCount(_ period: String) async throws -> Int {
            let files = try #require(try await pipeline.writeDigests(period: period, cutoff: Date())["circulaire"])
            return try digestItems(try #require(files.first { $0.pathExtension == "json" })).count
        }
        await #expect(try itemCount("2026-11-25") == 3)
        await #expect(try itemCount("2026-11-26") == 0, "nothing is repeated in the next digest")
        await #expect(try itemCount("2026-11-25") == 3, "rewriting a period gives back its items")
    }

    @Test func anUnreachableSourceIsCountedAsFailedAndTheOthersCarryOn() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.fetched == 1)
        #expect(summary.failed == 1)
        let partner = try await #require(try pipeline.store.sourceStates().first { $0.name == "partner" })
        #expect(partner.consecutiveFailures == 1)
        #expect(partner.lastError?.contains("404") == true)
        #expect(partner.nextDueAt > Date())

        let files = try await #require(try pipeline.writeDigests(period: "2026-11-25", cutoff: Date())["circulaire"])
        let markdown = try String(contentsOf: try #require(files.first { $0.pathExtension == "md" }), encoding: .utf8)
        #expect(markdown.contains("## Sources en échec"))
        #expect(markdown.contains("- partner — 1 échec · jamais lue : GET http://127.0.0.1:"))
    }

    @Test func aDocumentThatIsNotAFeedFailsItsSourceOnly() async throws {
        let binary = String(decoding: [0x00, 0xFF, 0xFE, 0x01, 0x02, 0x03], as: UTF8.self)
        let site = try FixtureSite(documents: ["/news.xml": binary, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.failed == 1)
        #expect(summary.fetched == 1)
        #expect(summary.newItems == 2)
        let news = try await #require(try pipeline.store.sourceStates().first { $0.name == "news" })
        #expect(news.lastError?.hasPrefix("parse error") == true)
    }

    @Test func retryAfterIsHonouredAndAGoneSourceIsAskedOnlyDaily() async throws {
        let server = try LoopbackServer { request in
            request.path == "/news.xml"
                ? HTTPResponse(status: 503, headers: ["Retry-After": "7200"], body: [])
                : HTTPResponse(status: 410, headers: [:], body: [])
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try folder.write(Fixtures.sources(base: server.baseURL), to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"))
        let before = Date()
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        let states = await Dictionary(uniqueKeysWithValues: try pipeline.store.sourceStates().map { ($0.name, $0) })
        let busy = try #require(states["news"])
        // The 15-minute interval would double to 30 minutes; the server asked for two hours.
        #expect(busy.nextDueAt.timeIntervalSince(before) >= 7200)
        #expect(busy.nextDueAt.timeIntervalSince(before) < 7200 * 1.2)
        let gone = try #require(states["partner"])
        #expect(gone.lastError?.contains("gone") == true)
        #expect(gone.nextDueAt.timeIntervalSince(before) >= 86_400)
    }
}
