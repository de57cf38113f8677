import Alerts
import Foundation
import Testing

@Suite("Alert command")
struct CommandRunnerTests {
    @Test("The command reads the alert on standard input and gets its arguments as given, without a shell")
    func recordsInput() async throws {
        let folder = try TemporaryFolder()
        let record = folder.url.appendingPathComponent("stdin.json").path
        let script = try folder.script("notify", "cat > \"$2\"; printf '%s' \"$1\" > \"$2.arg\"")
        let input = Data("{\"title\":\"$(touch pwned) ; rm -rf /\"}\n".utf8)
        let outcome = await CommandRunner.run(
            AlertCommand(arguments: [script, "a b;$(id)", record], timeout: .seconds(30)), input: input)
        #expect(outcome == .succeeded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: record)) == input)
        #expect(try String(contentsOfFile: record + ".arg", encoding: .utf8) == "a b;$(id)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pwned").path))
    }

    @Test("A command exiting with a non-zero status is a failure carrying it")
    func failure() async throws {
        let folder = try TemporaryFolder()
        let script = try folder.script("fail", "exit 3")
        #expect(await CommandRunner.run(AlertCommand(arguments: [script], timeout: .seconds(30)), input: Data()) == .exited(3))
    }

    @Test("A missing program is a failure to start, not a crash")
    func missing() async throws {
        let folder = try TemporaryFolder()
        let outcome = await CommandRunner.run(
            AlertCommand(arguments: [folder.url.appendingPathComponent("none").path], timeout: .seconds(30)), input: Data())
        #expect(outcome == .notStarted(ENOENT))
    }

    @Test("A hanging command is killed at its timeout, with the processes it started")
    func hanging() async throws {
        let folder = try TemporaryFolder()
        let pidFile = folder.url.appendingPathComponent("child.pid").path
        // The child ignores SIGTERM and leaves a grandchild holding on: only killing the group ends both.
        let script = try folder.script("hang", "trap '' TERM; sleep 300 & echo $! > \"\(pidFile)\"; wait")
        let outcome = await CommandRunner.run(AlertCommand(arguments: [script], timeout: .milliseconds(300)), input: Data())
        #expect(outcome == .timedOut)
        let grandchild = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // SIGKILL takes effect when the process is next scheduled: look until it is dead (a zombie or gone).
        var gone = false
        for _ in 0..<500 where !gone {
            gone = Self.isDead(grandchild)
            if !gone { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(gone)
    }

    @Test("A large alert reaches a command that never reads it without blocking anything")
    func unreadInput() async throws {
        let folder = try TemporaryFolder()
        let script = try folder.script("ignore", "exit 0")
        let outcome = await CommandRunner.run(
            AlertCommand(arguments: [script], timeout: .seconds(30)), input: Data(repeating: 0x41, count: 4 << 20))
        #expect(outcome == .succeeded)
    }

    /// Whether `pid` has ended: no longer listed, or a zombie waiting to be reaped.
    private static func isDead(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name, which is in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
