#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real SMTP server on 127.0.0.1 for one test: `scripts/smtp-test-server.py` on Python's aiosmtpd,
/// writing what it accepts to a temporary folder, removed (and the server stopped) when the value goes.
public final class SMTPTestServer {
    /// The port it listens on.
    public let port: Int
    /// Where it writes the messages it accepts.
    public let maildir: URL
    private let process: Process
    private let input: Pipe

    /// A Python 3 with aiosmtpd: Debian's, which `make test` installs it for, or the first on `PATH`.
    public static let python: String? = {
        ["/usr/bin/python3", "python3"].first { candidate in
            run([candidate, "-c", "import aiosmtpd"]).status == 0
        }
    }()

    /// Why the SMTP tests cannot run here, or nil when they can.
    public static var unavailableReason: String? {
        python == nil ? "no python3 with aiosmtpd (Debian's python3-aiosmtpd; `make test` installs it)" : nil
    }

    /// The repository's `scripts/` folder.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts")

    /// Starts a server refusing `RCPT TO` the `refused` addresses with a 550.
    public init(refusing refused: [String] = []) throws {
        guard let python = Self.python else { throw SMTPTestServerError(message: Self.unavailableReason ?? "") }
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: maildir, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, Self.scripts.appendingPathComponent("smtp-test-server.py").path, maildir.path]
            + refused.flatMap { ["--refuse", $0] }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is the port, printed once the socket listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw SMTPTestServerError(message: "the SMTP test server did not print its port")
        }
        self.port = port
    }

    deinit {
        // SIGKILL as well as the end of its input: another child of the test process may hold that pipe open.
        try? input.fileHandleForWriting.close()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }

    /// The messages received so far, in order: each file's path, envelope recipients and sender.
    public func received() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: maildir.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let message = maildir.appendingPathComponent(name)
            let envelope = try JSONDecoder().decode(
                ReceivedMail.Envelope.self, from: Data(contentsOf: message.deletingPathExtension().appendingPathExtension("json")))
            return ReceivedMail(file: message, sender: envelope.mail_from, recipients: envelope.rcpt_tos)
        }
    }

    /// `file` as Python's `email` package reads it (`scripts/check-mail.py`).
    public static func parse(_ file: URL) throws -> ParsedMail {
        let result = run([python ?? "python3", scripts.appendingPathComponent("check-mail.py").path, file.path])
        guard result.status == 0 else { throw SMTPTestServerError(message: "check-mail.py failed: \(result.output)") }
        return try JSONDecoder().decode(ParsedMail.self, from: Data(result.output.utf8))
    }

    private static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// One message the test server accepted.
public struct ReceivedMail: Sendable {
    /// The bytes as received.
    public let file: URL
    /// `MAIL FROM`.
    public let sender: String
    /// The accepted `RCPT TO` addresses.
    public let recipients: [String]

    struct Envelope: Decodable {
        let mail_from: String
        let rcpt_tos: [String]
    }
}

/// What `scripts/check-mail.py` reports of a message.
public struct ParsedMail: Decodable, Sendable {
    /// One leaf part.
    public struct Part: Decodable, Sendable {
        public let type: String
        public let charset: String?
        public let encoding: String?
        public let content: String
    }

    public let subject: String
    public let from: String
    public let from_name: String
    public let to: [String]
    public let message_id: String
    public let date_valid: Bool
    public let list_id: String
    public let auto_submitted: String
    public let mime_version: String
    public let content_type: String
    public let defects: [String]
    public let longest_line: Int
    public let crlf: Bool
    public let parts: [Part]
}

/// The test server could not start or a message could not be read.
public struct SMTPTestServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
