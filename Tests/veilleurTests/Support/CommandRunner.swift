import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the `veilleur` binary built next to the test bundle and captures what it prints.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, where `config/` lives.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/<configuration>/veilleur`: the test bundle is built into the same folder.
    static var binary: URL {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [bundleFolder, bundleFolder.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("veilleur")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/veilleur")
    }

    /// The test's environment without the variables that change how veilleur writes to a terminal, so
    /// that a `NO_COLOR` set where the tests run does not decide their outcome.
    static func plainEnvironment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-256color"
        return environment.merging(extra) { _, new in new }
    }

    static func run(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String]? = nil) throws -> Result {
        try run(binary, arguments, in: directory, environment: environment)
    }

    /// Runs the binary with `input` on its standard input.
    static func run(_ arguments: [String], standardInput input: [UInt8]) throws -> Result {
        try run(binary, arguments, in: repositoryRoot, environment: nil, standardInput: input)
    }

    /// Runs the binary with its standard error sent where its standard output goes, through `sh`, so that the
    /// order of its lines and messages shows; both come back as `stdout`.
    static func runMergingStandardError(_ arguments: [String]) throws -> Result {
        let shell = URL(fileURLWithPath: "/bin/sh")
        return try run(shell, ["-c", "exec \"$@\" 2>&1", "sh", binary.path] + arguments, in: repositoryRoot, environment: nil)
    }

    /// Runs `executable` (a wrapper such as `taskset` that runs the binary) with `arguments`.
    static func run(executable: URL, _ arguments: [String]) throws -> Result {
        try run(executable, arguments, in: repositoryRoot, environment: nil)
    }

    /// Runs the binary with its standard output written into the file at `path` rather than a pipe, through `sh`.
    static func runWritingStandardOutput(to path: String, _ arguments: [String]) throws -> Result {
        let shell = URL(fileURLWithPath: "/bin/sh")
        return try run(shell, ["-c", "exec \"$@\" > \"$0\"", path, binary.path] + arguments, in: repositoryRoot, environment: nil)
    }

    /// Runs the binary as an ordinary user: root reads files whatever their mode, so a test of a refusal
    /// drops to `nobody` through `setpriv` when it runs as root.
    static func runUnprivileged(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Result {
        guard getuid() == 0 else { return try run(arguments, in: directory) }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        return try run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments, in: directory, environment: nil)
    }

    private static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]?, standardInput input: [UInt8]? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe }
        try process.run()
        if let inputPipe, let input {
            // Written on a thread of its own, so that a child that prints before it has read everything cannot
            // block on a full output pipe while this side blocks on a full input pipe.
            let writer = inputPipe.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(Data(input))
                try? writer.close()
            }
        }
        // Standard error is drained on another thread so that a chatty child cannot block on a full pipe.
        let stderr = Drain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }
}

/// Reads a file handle to its end on a thread of its own.
final class Drain: @unchecked Sendable {
    // Written by the reader thread before it signals `done`, read only after `wait` returns.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything read, once the writer side is closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
