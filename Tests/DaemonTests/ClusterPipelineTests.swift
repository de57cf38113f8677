import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Model
import Storage
import Testing

/// Pipelines sharing one database, as daemons of a cluster do: each source and each digest period goes to one.
@Suite struct ClusterPipelineTests {
    /// A second pipeline with its own state folder, on the database of `folder`'s pipeline.
    private func neighbour(of folder: TemporaryFolder) async throws -> (Pipeline, TemporaryFolder) {
        let other = try TemporaryFolder()
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: other.state,
            database: folder.state.defaultDatabase, logger: Logger(label: "test"))
        return (pipeline, other)
    }

    @Test("A due source claimed by one daemon is not handed to another until it is recorded")
    func claimedSourcesAreNotHandedOutTwice() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let first = try await folder.makePipeline(for: site)
        let (second, _) = try await neighbour(of: folder)
        let claimed = try await first.dueSources()
        #expect(claimed.map(\.name).sorted() == ["news", "partner"])
        #expect(try await second.dueSources().isEmpty)
        let summary = try await first.crawl(claimed)
        #expect(summary.fetched == 2)
        #expect(try await second.dueSources().isEmpty, "recorded sources are due again only at their next time")
    }

    @Test("A stop mid-pass releases the sources not recorded: another daemon takes them at once")
    func stopReleasesUnrecordedSources() async throws {
        let gate = Gate()
        let server = try LoopbackServer { request in
            if request.path == "/slow.xml" { gate.arriveAndWait() }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Fixtures.newsRSS.utf8))
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try folder.write(
            "sources:\n  - name: slow\n    url: \(server.baseURL)/slow.xml\n  - name: fast\n    url: \(server.baseURL)/fast.xml\n",
            to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
        let stopping = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state, logger: Logger(label: "test"))
        let (recorded, record) = AsyncStream<Void>.makeStream()
        stopping.heartbeat = { record.yield() }
        let (other, _) = try await neighbour(of: folder)

        let stop = StopRequest()
        let claimed = try await stopping.dueSources()
        #expect(claimed.count == 2)
        let pass = Task { try await stopping.crawl(claimed, stop: stop) }
        var beats = recorded.makeAsyncIterator()
        await beats.next()
        await gate.arrival()
        stop.request()
        let summary = try await pass.value
        gate.release()
        #expect(summary.fetched == 1)
        #expect(try await other.dueSources().map(\.name) == ["slow"])
    }

    @Test("The scheduled digests of a period are written by one daemon; the others skip them")
    func scheduledDigestsAreWrittenOnce() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let first = try await folder.makePipeline(for: site)
        let (second, secondFolder) = try await neighbour(of: folder)
        _ = try await first.crawl(try await first.dueSources())
        let period = "\(first.today)"
        #expect(try await first.writeScheduledDigests(first.loaded.digestSchedule, period: first.today, cutoff: Date()) == .written)
        #expect(try await second.writeScheduledDigests(second.loaded.digestSchedule, period: second.today, cutoff: Date()) == .writtenElsewhere(by: first.identity.owner))
        let written = secondFolder.state.digests.appendingPathComponent(period)
        #expect(!FileManager.default.fileExists(atPath: written.path), "the skipping daemon writes no file")
        #expect(FileManager.default.fileExists(atPath: folder.state.digests.appendingPathComponent(period).path))
    }

    @Test("A period another daemon is writing is left to it until its lease ends, and a person asking is told who holds it")
    func heldPeriodIsLeftToItsWriter() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        let period = "\(pipeline.today)"
        // Whole seconds: the store keeps times to the microsecond.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let until = now.addingTimeInterval(600)
        #expect(try await pipeline.store.claimDigestPeriod(period, owner: "elsewhere:1:x", now: now, until: until, again: false) == .granted)
        #expect(try await pipeline.writeScheduledDigests(pipeline.loaded.digestSchedule, period: pipeline.today, cutoff: now) == .heldElsewhere(by: "elsewhere:1:x", until: until))
        await #expect(throws: DigestPeriodHeld(period: period, owner: "elsewhere:1:x", until: until)) {
            try await pipeline.writeDigests(period: period, cutoff: now)
        }
    }

    @Test("A crawl of every due source claims pass after pass, each within the pass size, and fetches each source once")
    func crawlDueClaimsPassAfterPass() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try folder.write(Fixtures.noHostDelay + "cluster:\n  pass_size: 1\n", to: "config/veilleur.yaml")
        let pipeline = try await folder.makePipeline(for: site)
        let (summary, sources) = try await pipeline.crawlDue()
        #expect(sources == 2)
        #expect(summary.fetched == 2)
    }
}
