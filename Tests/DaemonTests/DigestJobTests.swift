import Daemon
import Foundation
import Logging
import Testing

/// Digests are written before their items are marked as sent: a failed write loses nothing.
@Suite struct DigestJobTests {
    @Test func aDigestThatCannotBeWrittenLeavesItsItemsForTheNextOne() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try pipeline.dueSources(all: true))

        // A plain file where the period's folder should be makes the write fail.
        try folder.write("in the way", to: "state/digests/2026-11-25")
        #expect(throws: (any Error).self) { try pipeline.writeDigests(period: "2026-11-25", cutoff: Date()) }
        #expect(try pipeline.profilesOwingDigest(period: "2026-11-25").isEmpty, "no digest was recorded")

        let written = try pipeline.writeDigests(period: "2026-11-26", cutoff: Date())
        let json = try #require(written["circulaire"]?.first { $0.pathExtension == "json" })
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        #expect((object?["items"] as? [Any])?.count == 3)
    }

    @Test func aProfileThatWroteBeforeOwesTheDigestsItMissed() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try folder.makePipeline(for: site)

        #expect(try pipeline.profilesOwingDigest(period: "2026-11-25").isEmpty, "a new profile owes nothing")
        try pipeline.writeDigests(period: "2026-11-24", cutoff: Date())
        #expect(try pipeline.profilesOwingDigest(period: "2026-11-25") == ["circulaire"])
        try pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        #expect(try pipeline.profilesOwingDigest(period: "2026-11-25").isEmpty)
    }

    @Test func oneProfileThatCannotBeWrittenDoesNotHoldBackTheOthers() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try folder.write(Fixtures.profile, to: "config/profiles/second.yaml")
        let pipeline = try folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try pipeline.dueSources(all: true))

        // A folder where circulaire.md should go makes that one rename fail.
        try FileManager.default.createDirectory(
            at: folder.state.digests.appendingPathComponent("2026-11-25/circulaire.md"), withIntermediateDirectories: true)
        do {
            try pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
            Issue.record("the digest of circulaire cannot be written and must be reported")
        } catch let error as DigestJobError {
            #expect(error.failures.map(\.profile) == ["circulaire"])
        }
        let second = folder.state.digests.appendingPathComponent("2026-11-25/second.md")
        #expect(FileManager.default.fileExists(atPath: second.path))
        #expect(try pipeline.profilesOwingDigest(period: "2026-11-26") == ["second"])
    }
}
