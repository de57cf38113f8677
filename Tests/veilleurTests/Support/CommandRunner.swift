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

    static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Result {
        try run(binary, arguments, in: directory)
    }

    /// Runs the binary as an ordinary user: root reads files whatever their mode, so a test of a refusal
    /// drops to `nobody` through `setpriv` when it runs as root.
    static func runUnprivileged(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Result {
        guard getuid() == 0 else { return try run(arguments, in: directory) }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        return try run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments, in: directory)
    }

    private static func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is drained on another thread so that a chatty child cannot block on a full pipe.
        let stderrBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderrBox.data, as: UTF8.self))
    }
}

/// Hands the drained bytes from the reader thread back; the semaphore orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
