import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One `veilleur run` process of the built binary, its standard error kept in a log file, stopped or killed
/// by a test with real signals.
final class DaemonProcess {
    /// How a process ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case killed(by: Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .killed(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// A name for messages (`a`, `b`, `b-restarted`…).
    let name: String
    /// Where its standard error goes: the daemon's log lines.
    let log: URL
    private let process = Process()

    /// Starts `veilleur run` with `arguments` after `run`, its log in `log`.
    init(name: String, arguments: [String], log: URL) throws {
        self.name = name
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CommandRunner.binary
        process.arguments = ["run"] + arguments
        process.environment = CommandRunner.plainEnvironment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// The log so far.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The log lines whose message is `message` (`msg="daemon ready"`).
    func lines(withMessage message: String) -> [Substring] {
        logText.split(separator: "\n").filter { $0.contains("msg=\"\(message)\"") }
    }

    /// How the process ended, once it has; nil while it runs.
    var ending: Ending? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? .killed(by: process.terminationStatus) : .exited(process.terminationStatus)
    }

    /// Waits for the process to end, until `deadline`.
    func waitForEnding(until deadline: ContinuousClock.Instant) async throws -> Ending {
        try await waitUntil(deadline, "\(name) to end") { ending != nil }
        return ending ?? .exited(-1)
    }
}

/// A condition that did not come true before its deadline.
struct DeadlinePassed: Error, CustomStringConvertible {
    var what: String
    var description: String { "gave up waiting for \(what)" }
}

/// Waits until `condition` holds, checking it a few times a second, or throws once `deadline` passes.
/// `what` is read once the deadline has passed, so it may describe the state things were left in.
func waitUntil(_ deadline: ContinuousClock.Instant, _ what: @autoclosure () -> String, _ condition: () async throws -> Bool) async throws {
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw DeadlinePassed(what: what()) }
        try await Task.sleep(for: .milliseconds(200))
    }
}
