import Daemon
import Foundation
import Testing

/// A digest run costs one pass over the digests tree, whatever the number of profiles.
@Suite struct DigestJobRunCostTests {
    @Test("A digest run replaces the index once and opens each folder of the digests tree once, whatever the number of profiles")
    func onePassOverTheTree() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        for name in ["second", "third"] { try folder.write(Fixtures.profile, to: "config/profiles/\(name).yaml") }
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        try await pipeline.writeDigests(period: "2026-11-24", cutoff: Date())

        let events = try DirectoryEvents(watching: folder.state.digests)
        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let seen = events.drain()
        #expect(DirectoryEvents.renames(onto: "index.html", in: seen) == 1)
        for name in ["", "latest", "2026-11-24", "2026-11-25"] {
            #expect(DirectoryEvents.opens(of: name, in: seen) == 1, "folder '\(name)'")
        }
    }
}
