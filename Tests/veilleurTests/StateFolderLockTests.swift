import Daemon
import Foundation
import Testing

/// Scripts run `crawl` and `digest` from cron: beside a running daemon they must stop at once, with a
/// plain sentence and the "try later" status, instead of writing beside it.
@Suite struct StateFolderLockTests {
    @Test("crawl and digest refuse a state folder a daemon holds, with status 75 and the daemon's pid", arguments: [
        ["crawl", "--once"], ["digest"],
    ])
    func refusedBesideDaemon(command: [String]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = StateLayout(root: folder)
        try state.prepare()
        let daemon = try await StateLock.acquire(state, role: .daemon)
        let result = try CommandRunner.run(command + ["--config", "config", "--state", folder.path])
        withExtendedLifetime(daemon) {}
        #expect(result.status == 75)
        #expect(result.stderr.contains("the daemon `veilleur run` (pid \(getpid())) is running on the state folder"))
        #expect(!FileManager.default.fileExists(atPath: state.database.path), "nothing was written")
    }
}
