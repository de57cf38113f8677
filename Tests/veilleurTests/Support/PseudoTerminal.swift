import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the `veilleur` binary with a pseudo-terminal as its standard error (and, if asked, its standard
/// output), as when a person types the command, and records what the terminal received.
enum PseudoTerminal {
    struct Result {
        var status: Int32
        /// Everything written to the terminal, bytes as sent (the terminal turns `\n` into `\r\n`).
        var terminal: String
        /// Standard output when it is a pipe; empty when it goes to the terminal too.
        var stdout: String
    }

    enum Output { case terminal, pipe }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(
        _ arguments: [String], stdout: Output = .pipe, environment: [String: String] = CommandRunner.plainEnvironment(),
        in directory: URL = CommandRunner.repositoryRoot
    ) throws -> Result {
        var controller: Int32 = -1, device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else {
            throw Failure(description: "openpty: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(device, F_SETFD, FD_CLOEXEC)
        let controllerHandle = FileHandle(fileDescriptor: controller, closeOnDealloc: true)
        let deviceHandle = FileHandle(fileDescriptor: device, closeOnDealloc: false)

        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardError = deviceHandle
        let pipe = Pipe()
        process.standardOutput = stdout == .terminal ? deviceHandle : pipe
        try process.run()
        // Once the child holds the only descriptors of the terminal, reading it ends when the child exits.
        close(device)
        let output = stdout == .pipe ? Drain(pipe.fileHandleForReading) : nil
        let transcript = readToHangUp(controller)
        process.waitUntilExit()
        let printed = output?.wait() ?? Data()
        withExtendedLifetime(controllerHandle) {}
        return Result(
            status: process.terminationStatus, terminal: String(decoding: transcript, as: UTF8.self),
            stdout: String(decoding: printed, as: UTF8.self))
    }

    /// Reads the controller side until the last descriptor of the terminal closes (EIO on Linux).
    private static func readToHangUp(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return bytes
            }
        }
    }
}
