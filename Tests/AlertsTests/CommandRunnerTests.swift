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
            AlertCommand(arguments: [script, "a b;$(id)", record], timeout: .seconds(30)), input: input).outcome
        #expect(outcome == .succeeded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: record)) == input)
        #expect(try String(contentsOfFile: record + ".arg", encoding: .utf8) == "a b;$(id)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pwned").path))
    }

    @Test("A command exiting with a non-zero status is a failure carrying it")
    func failure() async throws {
        let folder = try TemporaryFolder()
        let script = try folder.script("fail", "exit 3")
        #expect(await CommandRunner.run(AlertCommand(arguments: [script], timeout: .seconds(30)), input: Data()).outcome == .exited(3))
    }

    @Test("A missing program is a failure to start, not a crash")
    func missing() async throws {
        let folder = try TemporaryFolder()
        let outcome = await CommandRunner.run(
            AlertCommand(arguments: [folder.url.appendingPathComponent("none").path], timeout: .seconds(30)), input: Data()).outcome
        #expect(outcome == .notStarted(ENOENT))
    }

    @Test("A hanging command is killed at its timeout, with the processes it started")
    func hanging() async throws {
        let folder = try TemporaryFolder()
        let pidFile = folder.url.appendingPathComponent("child.pid").path
        // The child ignores SIGTERM and leaves a grandchild holding on: only killing the group ends both.
        let script = try folder.script("hang", "trap '' TERM; sleep 300 & echo $! > \"\(pidFile)\"; wait")
        let outcome = await CommandRunner.run(AlertCommand(arguments: [script], timeout: .milliseconds(300)), input: Data()).outcome
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
            AlertCommand(arguments: [script], timeout: .seconds(30)), input: Data(repeating: 0x41, count: 4 << 20)).outcome
        #expect(outcome == .succeeded)
    }

    @Test("What a failing command writes is kept for the log, its start only, and a flood of output never blocks it")
    func keepsOutput() async throws {
        let folder = try TemporaryFolder()
        let script = try folder.script(
            "noisy", "echo 'smtp relay refused: 550' >&2; i=0; while [ $i -lt 20000 ]; do echo \"line $i of a long trace\"; i=$((i+1)); done; exit 4")
        let run = await CommandRunner.run(AlertCommand(arguments: [script], timeout: .seconds(60)), input: Data())
        #expect(run.outcome == .exited(4))
        #expect(run.output.hasPrefix("smtp relay refused: 550\nline 0 of a long trace\n"))
        #expect(run.output.utf8.count == CommandRun.outputLimit)
    }

    @Test("The command inherits none of the daemon's descriptors, even those opened without close-on-exec")
    func closesInheritedDescriptors() async throws {
        let folder = try TemporaryFolder()
        let held = folder.url.appendingPathComponent("state.lock").path
        let descriptor = open(held, O_RDWR | O_CREAT, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let script = try folder.script("descriptors", "for f in /proc/$$/fd/*; do readlink \"$f\" || true; done")
        let run = await CommandRunner.run(AlertCommand(arguments: [script], timeout: .seconds(30)), input: Data())
        #expect(run.outcome == .succeeded)
        #expect(run.output.contains("pipe:"))
        #expect(!run.output.contains(held))
    }

    @Test("A command that exits leaving a process behind on its output is done when it exits", .timeLimit(.minutes(1)))
    func leftBehind() async throws {
        let folder = try TemporaryFolder()
        let pidFile = folder.url.appendingPathComponent("left.pid").path
        let script = try folder.script("detach", "sleep 300 & echo $! > \"\(pidFile)\"; echo detached; exit 0")
        let run = await CommandRunner.run(AlertCommand(arguments: [script], timeout: .seconds(240)), input: Data())
        let left = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(left, SIGKILL)
        #expect(run.outcome == .succeeded)
        #expect(run.output == "detached\n")
    }

    /// Whether `pid` has ended: no longer listed, or a zombie waiting to be reaped.
    private static func isDead(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name, which is in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
