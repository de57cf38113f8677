import Configuration
import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Testing

/// The daemon against a real notify socket: ready after its first load, reload that refuses an invalid
/// profile, and a clean stop.
@Suite struct DaemonLifecycleTests {
    @Test func theDaemonReportsReadyReloadsAndStops() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let daemon = try DaemonUnderTest(site: site)
        let socket = daemon.socket

        #expect(await socket.receive(until: "READY=1") != nil)
        let status = try #require(await socket.receive(until: "STATUS=sources"))
        #expect(status.last?.contains("2 fetched") == true, "the first pass crawls both sources")

        try daemon.folder.write("name: broken\nkind: club\ntopics: []\n", to: "config/profiles/broken.yaml")
        daemon.signals.yield(.reload)
        #expect(await socket.receive(until: "RELOADING=1") != nil)
        let refused = try #require(await socket.receive(until: "READY=1"))
        #expect(refused.last?.contains("STATUS=configuration refused (2 errors)") == true)

        daemon.signals.yield(.stop)
        #expect(await socket.receive(until: "STOPPING=1") != nil)
        try await daemon.running.value
    }
}

/// People edit profiles on a live system: a change on disk is picked up without any signal.
@Suite struct ConfigurationWatchTests {
    @Test func anEditedConfigurationIsReloadedWithoutASignal() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let daemon = try DaemonUnderTest(site: site, configPollInterval: .milliseconds(50))
        let (folder, socket) = (daemon.folder, daemon.socket)
        #expect(await socket.receive(until: "STATUS=sources") != nil)

        try folder.write("name: x\nkind: cluster\ntopcs: []\n", to: "config/profiles/typo.yaml")
        #expect(await socket.receive(until: "STATUS=configuration refused") != nil)

        try FileManager.default.removeItem(at: folder.configDirectory.appendingPathComponent("profiles/typo.yaml"))
        try folder.write(Fixtures.profile.replacingOccurrences(of: "recyclage", with: "compostage"), to: "config/profiles/second.yaml")
        #expect(await socket.receive(until: "STATUS=configuration reloaded") != nil)

        try await daemon.stop()
    }
}

/// A stop must not wait for a server that never answers: the transfer is aborted and its source left due.
@Suite struct DaemonStopTests {
    @Test(.timeLimit(.minutes(1)))
    func aStopAbortsATransferInFlightAndLeavesItsSourceUntouched() async throws {
        let release = DispatchSemaphore(value: 0)
        let (arrivals, arrived) = AsyncStream<String>.makeStream()
        let server = try LoopbackServer { request in
            arrived.yield(request.path)
            if request.path == "/news.xml" { release.wait() }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/atom+xml"], body: Array(Fixtures.partnerAtom.utf8))
        }
        defer {
            release.signal()
            server.stop()
        }
        let folder = try TemporaryFolder()
        try folder.write(Fixtures.sources(base: server.baseURL), to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        // With an hour-long timeout, only the abort can end the held transfer within the time limit.
        try folder.write("fetch:\n  timeout_seconds: 3600\n", to: "config/veilleur.yaml")

        let daemon = Daemon(configDirectory: folder.configDirectory, state: folder.state, logger: Logger(label: "test"))
        let (signals, send) = AsyncStream<DaemonSignal>.makeStream()
        let running = Task { try await daemon.run(signals: signals) }

        for await path in arrivals where path == "/news.xml" { break }
        send.yield(.stop)
        try await running.value

        let store = try SQLiteStore(path: folder.state.database.path)
        let news = try await #require(try store.sourceStates().first { $0.name == "news" })
        #expect(news.lastFetchAt == nil, "an aborted transfer is not recorded")
        #expect(news.consecutiveFailures == 0)
    }
}

/// A reload reads every file and compiles the matcher; however long that takes, the daemon keeps
/// answering signals.
@Suite struct DaemonReloadTests {
    @Test("A stop during a slow reload stops the daemon while the load is still running", .timeLimit(.minutes(1)))
    func aStopDuringASlowReloadStopsTheDaemon() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let gate = LoadGate()
        defer { gate.open() }
        let daemon = try DaemonUnderTest(site: site, loadConfiguration: { directory throws(ConfigurationError) in
            try gate.load(directory)
        })
        #expect(await daemon.socket.receive(until: "STATUS=sources") != nil)

        daemon.signals.yield(.reload)
        await gate.waitUntilHolding()
        try await daemon.stop()
        #expect(gate.holdingCount == 1, "the daemon stopped while its reload was still held")
    }
}
