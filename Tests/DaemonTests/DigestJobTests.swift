import Daemon
import Digests
import Foundation
import Logging
import Model
import Storage
import Testing

/// A digest's matches are assigned before its files are written: a failed or interrupted write neither
/// loses them nor lets another period take them.
@Suite struct DigestJobTests {
    private func itemCount(_ file: URL) throws -> Int {
        try digestItems(file).count
    }

    @Test func aDigestThatCannotBeWrittenKeepsItsItemsAndIsWrittenOnceItCanBe() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        // A plain file where the period's folder should be makes the write fail.
        try folder.write("in the way", to: "state/digests/2026-11-25")
        await #expect(throws: (any Error).self) { try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date()) }
        await #expect(try pipeline.store.pendingDigests() == [PendingDigest(profile: "circulaire", period: "2026-11-25")])

        try FileManager.default.removeItem(at: folder.state.digests.appendingPathComponent("2026-11-25"))
        let written = try await pipeline.writeDigests(period: "2026-11-26", cutoff: Date())
        let next = try #require(written["circulaire"]?.first { $0.pathExtension == "json" })
        #expect(try itemCount(next) == 0, "the items stay with the period they were assigned to")
        #expect(try itemCount(folder.state.digests.appendingPathComponent("2026-11-25/circulaire.json")) == 3)
        await #expect(try pipeline.store.pendingDigests().isEmpty)
    }

    @Test func aDaemonStartRewritesADigestInterruptedByACrash() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        // What a crash between assigning the matches and writing the files leaves behind.
        let candidates = try await pipeline.store.digestCandidates(profile: "circulaire", period: "2026-11-25", matchedBefore: Date())
        try await pipeline.store.commitDigest(
            profile: "circulaire", period: "2026-11-25", matchIDs: candidates.map(\.matchID), paths: [], writtenAt: Date())

        try await pipeline.finishPendingDigests()
        #expect(try itemCount(folder.state.digests.appendingPathComponent("2026-11-25/circulaire.json")) == 3)
        await #expect(try pipeline.store.pendingDigests().isEmpty)
    }

    @Test func temporaryFilesLeftByAKilledWriteAreRemovedByTheNextWrite() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        try folder.write("half", to: "state/digests/.index.html.tmp-a1B2c3")
        try folder.write("half", to: "state/digests/2026-11-20/.circulaire.md.tmp-Zz9Yy8")
        try folder.write("half", to: "state/digests/latest/.circulaire.json.tmp-000000")

        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let leftovers = FileManager.default.enumerator(atPath: folder.state.digests.path)?
            .compactMap { $0 as? String }.filter { $0.contains(".tmp-") } ?? ["unreadable"]
        #expect(leftovers.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.state.digests.appendingPathComponent("2026-11-20").path),
                "a period folder that only held a leftover is gone")
    }

    @Test func aProfileThatWroteBeforeOwesTheDigestsItMissed() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)

        await #expect(try pipeline.profilesOwingDigest(period: "2026-11-25").isEmpty, "a new profile owes nothing")
        try await pipeline.writeDigests(period: "2026-11-24", cutoff: Date())
        await #expect(try pipeline.profilesOwingDigest(period: "2026-11-25") == ["circulaire"])
        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        await #expect(try pipeline.profilesOwingDigest(period: "2026-11-25").isEmpty)
    }

    @Test("A digest committed for a day after today does not hide a missed digest from the catch-up")
    func aFarFutureDigestDoesNotStopTheCatchUp() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        try await pipeline.writeDigests(period: "2026-11-24", cutoff: Date())
        try await pipeline.store.commitDigest(profile: "circulaire", period: "9999-12-31", matchIDs: [], paths: [], writtenAt: Date())
        try await pipeline.store.markDigestWritten(profile: "circulaire", period: "9999-12-31", paths: [], writtenAt: Date())

        await #expect(try pipeline.profilesOwingDigest(period: "2026-11-25") == ["circulaire"])
    }

    @Test("A day asked for is refused after today, and before the first stored item or, with nothing stored, other than today")
    func requestedDaysAreBounded() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        // 2026-11-26 10:00 in Paris.
        let pipeline = try await folder.makePipeline(for: site, clock: { Date(timeIntervalSince1970: 1_795_683_600) })

        await #expect(throws: DigestDayError.nothingStored(DigestPeriod("2026-11-25")!, today: DigestPeriod("2026-11-26")!, timeZone: "Europe/Paris")) {
            try await pipeline.requestedDigestDay("2026-11-25")
        }
        await #expect(try pipeline.requestedDigestDay("2026-11-26") == DigestPeriod("2026-11-26"))
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        await #expect(try pipeline.requestedDigestDay("2026-11-26") == DigestPeriod("2026-11-26"))
        await #expect(throws: DigestDayError.beforeFirstItem(DigestPeriod("2026-11-25")!, firstDay: DigestPeriod("2026-11-26")!)) {
            try await pipeline.requestedDigestDay("2026-11-25")
        }
        await #expect(throws: DigestDayError.afterToday(DigestPeriod("2026-11-27")!, today: DigestPeriod("2026-11-26")!, timeZone: "Europe/Paris")) {
            try await pipeline.requestedDigestDay("2026-11-27")
        }
        await #expect(throws: DigestDayError.notADay("2026-11-31")) { try await pipeline.requestedDigestDay("2026-11-31") }
    }

    @Test("Each digest file holds at most its share of a huge day, and every match of the day is assigned to it")
    func aHugeDayIsCappedButFullyAssigned() async throws {
        let count = JSONDigest.entryCeiling + 5
        let items = (1...count).map { number in
            "<item><title>Recyclage n°\(number)</title><link>http://example.org/r/\(number)</link><guid>r-\(number)</guid></item>"
        }
        let feed = "<rss version=\"2.0\"><channel><title>Beaucoup</title>\(items.joined())</channel></rss>"
        let site = try FixtureSite(documents: ["/news.xml": feed])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        // More items than one fetch reads by default: the point here is the digest's ceiling.
        try folder.write("fetch:\n  max_items_per_fetch: \(count)\n", to: "config/veilleur.yaml")
        let pipeline = try await folder.makePipeline(for: site)
        #expect(try await pipeline.crawl(try await pipeline.dueSources(all: true)).newMatches == count)

        let written = try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let files = try #require(written["circulaire"])
        let json = try #require(files.first { $0.pathExtension == "json" })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect((object["items"] as? [Any])?.count == JSONDigest.entryCeiling)
        #expect(object["omitted"] as? Int == 5)
        let markdown = try String(contentsOf: try #require(files.first { $0.pathExtension == "md" }), encoding: .utf8)
        #expect(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("30. ") || $0.hasPrefix("31. ") } .count == 1)
        await #expect(try pipeline.store.activity(since: .distantPast).pendingMatches == 0, "every match is assigned to the day")
        let next = try await #require(try pipeline.writeDigests(period: "2026-11-26", cutoff: Date())["circulaire"]?.first { $0.pathExtension == "json" })
        #expect(try itemCount(next) == 0, "none is left for the next day")
    }

    @Test func oneProfileThatCannotBeWrittenDoesNotHoldBackTheOthers() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try folder.write(Fixtures.profile, to: "config/profiles/second.yaml")
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        // A folder where circulaire.md should go makes that one rename fail.
        try FileManager.default.createDirectory(
            at: folder.state.digests.appendingPathComponent("2026-11-25/circulaire.md"), withIntermediateDirectories: true)
        do {
            try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
            Issue.record("the digest of circulaire cannot be written and must be reported")
        } catch let error as DigestJobError {
            #expect(error.failures.map(\.profile) == ["circulaire"])
        }
        let second = folder.state.digests.appendingPathComponent("2026-11-25/second.md")
        #expect(FileManager.default.fileExists(atPath: second.path))
        await #expect(try pipeline.store.pendingDigests() == [PendingDigest(profile: "circulaire", period: "2026-11-25")])
    }
}
