import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Synchronization
import Testing

/// A crawl pass records each source as soon as its transfer completes: a slow server delays no one.
@Suite struct StreamingCrawlTests {
    @Test("a source is recorded while another source of the same pass is still waiting for its server")
    func fastSourceRecordedBeforeSlowOneAnswers() async throws {
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
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"))
        let (recorded, record) = AsyncStream<Void>.makeStream()
        pipeline.heartbeat = { record.yield() }

        let sources = try await pipeline.dueSources(all: true)
        let pass = Task { try await pipeline.crawl(sources) }
        var beats = recorded.makeAsyncIterator()
        await beats.next()
        await gate.arrival()
        let states = await Dictionary(uniqueKeysWithValues: try SQLiteStore(path: folder.state.database.path).sourceStates().map { ($0.name, $0) })
        #expect(states["fast"]?.lastStatus == "ok")
        #expect(states["slow"]?.lastStatus == nil, "the slow source is still in transfer")
        gate.release()
        let summary = try await pass.value
        #expect(summary.fetched == 2)
    }
}
