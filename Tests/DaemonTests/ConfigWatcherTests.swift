import Daemon
import Foundation
import Logging
import Testing

/// The daemon hears of configuration edits from the kernel: these watchers poll once an hour, so only an
/// inotify event can report an edit while the test waits.
@Suite("Configuration edits reported by the kernel")
struct ConfigWatcherTests {
    private func configuredFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: a\n    url: https://a.example/\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        return folder
    }

    /// Runs a watcher on `folder` while `body` runs, counting its reports.
    private func watching(_ folder: TemporaryFolder, _ body: (ReportCount) async throws -> Void) async throws {
        let reports = ReportCount()
        let watcher = ConfigWatcher(
            directory: folder.configDirectory, settle: .milliseconds(20), pollInterval: .seconds(3600), logger: Logger(label: "test"))
        let (started, ready) = AsyncStream<Void>.makeStream()
        let task = Task { await watcher.run(watching: { ready.yield() }) { Task { await reports.add() } } }
        defer { task.cancel() }
        for await _ in started { break }
        try await body(reports)
    }

    @Test("A profile saved by writing a new file and renaming it over the old one is reported")
    func saveByRename() async throws {
        let folder = try configuredFolder()
        try await watching(folder) { reports in
            try folder.write(Fixtures.profile + "max_items: 5\n", to: "config/profiles/.circulaire.yaml.tmp")
            try FileManager.default.removeItem(at: folder.configDirectory.appendingPathComponent("profiles/circulaire.yaml"))
            try FileManager.default.moveItem(
                at: folder.configDirectory.appendingPathComponent("profiles/.circulaire.yaml.tmp"),
                to: folder.configDirectory.appendingPathComponent("profiles/circulaire.yaml"))
            #expect(await reports.reach(1))
        }
    }

    @Test("A vocabularies folder created after start is watched: editing a file in it is reported")
    func folderCreatedLater() async throws {
        let folder = try configuredFolder()
        try await watching(folder) { reports in
            try folder.write("name: communes\nterms: [Lyon]\n", to: "config/vocabularies/communes.yaml")
            #expect(await reports.reach(1))
            try folder.write("name: communes\nterms: [Lyon, Brest]\n", to: "config/vocabularies/communes.yaml")
            #expect(await reports.reach(2))
        }
    }

    @Test("Editing the file a profile links to, in a folder outside the configuration, is reported")
    func linkedProfile() async throws {
        let folder = try configuredFolder()
        try folder.write(Fixtures.profile, to: "elsewhere/shared.yaml")
        let target = folder.url.appendingPathComponent("elsewhere/shared.yaml")
        try FileManager.default.createSymbolicLink(
            at: folder.configDirectory.appendingPathComponent("profiles/shared.yaml"), withDestinationURL: target)
        try await watching(folder) { reports in
            try folder.write(Fixtures.profile + "max_items: 3\n", to: "elsewhere/shared.yaml")
            #expect(await reports.reach(1))
        }
    }
}

/// How many reports a watcher made, and a way to wait for the next ones.
private actor ReportCount {
    private var count = 0
    private var waiters: [(target: Int, continuation: CheckedContinuation<Bool, Never>)] = []

    func add() {
        count += 1
        let ready = waiters.filter { $0.target <= count }
        waiters.removeAll { $0.target <= count }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// True once `target` reports were made; false if they were not within a minute, a bound generous
    /// enough for a loaded machine and far below the watcher's hour-long poll.
    func reach(_ target: Int) async -> Bool {
        if count >= target { return true }
        let expiry = Task { [weak self] in
            guard (try? await Task.sleep(for: .seconds(60))) != nil else { return }
            await self?.expire()
        }
        defer { expiry.cancel() }
        return await withCheckedContinuation { waiters.append((target, $0)) }
    }

    private func expire() {
        for waiter in waiters { waiter.continuation.resume(returning: false) }
        waiters.removeAll()
    }
}
