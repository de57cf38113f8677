import Daemon
import Foundation
import Logging
import Testing

/// One writer per state folder: a second daemon refuses to start, one-shot commands wait for each other
/// and refuse a daemon, and the lock file cannot be used to reach outside the folder.
@Suite struct StateLockTests {
    @Test("a second daemon on the same state folder refuses to start and names the first one")
    func secondDaemonRefused() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let first = try DaemonUnderTest(site: site)
        #expect(await first.socket.receive(until: "READY=1") != nil)

        let second = Daemon(configDirectory: first.folder.configDirectory, state: first.folder.state, logger: Logger(label: "test"))
        let error = await #expect(throws: StateLockError.self) {
            try await second.run(signals: AsyncStream { $0.finish() })
        }
        #expect(error?.kind == .held(by: StateLockHolder(pid: getpid(), role: .daemon), requester: .daemon))
        #expect(error?.description.contains("one daemon per state folder") == true)
        try await first.stop()
    }

    @Test("a one-shot command is refused at once beside a running daemon")
    func oneShotRefusedBesideDaemon() async throws {
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        let daemon = try await StateLock.acquire(folder.state, role: .daemon)
        let error = await #expect(throws: StateLockError.self) {
            _ = try await StateLock.acquire(folder.state, role: .crawl)
        }
        #expect(error?.kind == .held(by: StateLockHolder(pid: getpid(), role: .daemon), requester: .crawl))
        withExtendedLifetime(daemon) {}
    }

    @Test("a one-shot command waits for another one and takes the lock when it is released")
    func oneShotWaitsForOneShot() async throws {
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        var crawl: StateLock? = try await StateLock.acquire(folder.state, role: .crawl)
        let (waits, waiting) = AsyncStream<StateLockHolder>.makeStream()
        let digest = Task { [state = folder.state] in
            try await StateLock.acquire(state, role: .digest, poll: .milliseconds(5)) { waiting.yield($0) }
        }
        var iterator = waits.makeAsyncIterator()
        #expect(await iterator.next() == StateLockHolder(pid: getpid(), role: .crawl))
        crawl = nil
        _ = try await digest.value
        #expect(crawl == nil)
    }

    @Test("a released lock can be taken again, by a daemon too")
    func releasedLockIsFree() async throws {
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        _ = try await StateLock.acquire(folder.state, role: .digest)
        let daemon = try await StateLock.acquire(folder.state, role: .daemon)
        let holder = try String(contentsOf: folder.state.lockFile, encoding: .utf8)
        #expect(holder == "\(getpid()) run\n")
        withExtendedLifetime(daemon) {}
    }

    @Test("a lock file that is a symbolic link is refused and nothing is created at its target")
    func symlinkedLockRefused() async throws {
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        let outside = folder.url.appendingPathComponent("outside-target")
        try FileManager.default.createSymbolicLink(at: folder.state.lockFile, withDestinationURL: outside)
        let error = await #expect(throws: StateLockError.self) {
            _ = try await StateLock.acquire(folder.state, role: .daemon)
        }
        #expect(error?.description.contains("symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }
}
