import Daemon
import Foundation
import Logging
import Testing

/// The daemon against a real notify socket: ready after its first load, reload that refuses an invalid
/// profile, and a clean stop.
@Suite struct DaemonLifecycleTests {
    @Test func theDaemonReportsReadyReloadsAndStops() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try folder.writeFixtureConfiguration(for: site)
        let socket = try NotifySocket(path: folder.url.appendingPathComponent("notify.sock").path)

        let daemon = Daemon(
            configDirectory: folder.configDirectory,
            state: folder.state,
            logger: Logger(label: "test"),
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]))
        let (signals, send) = AsyncStream<DaemonSignal>.makeStream()
        let running = Task { try await daemon.run(signals: signals) }

        #expect(await socket.receive(until: "READY=1") != nil)
        let status = try #require(await socket.receive(until: "STATUS=sources"))
        #expect(status.last?.contains("2 fetched") == true, "the first pass crawls both sources")

        try folder.write("name: broken\nkind: club\ntopics: []\n", to: "config/profiles/broken.yaml")
        send.yield(.reload)
        #expect(await socket.receive(until: "RELOADING=1") != nil)
        #expect(await socket.receive(until: "READY=1") != nil)

        send.yield(.stop)
        #expect(await socket.receive(until: "STOPPING=1") != nil)
        try await running.value
    }
}
