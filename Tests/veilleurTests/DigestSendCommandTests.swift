import Foundation
import SMTPTestSupport
import Testing

@Suite("veilleur digest --send", .enabled(if: SMTPTestServer.python != nil, "needs python3 with aiosmtpd"))
struct DigestSendCommandTests {
    /// A configuration whose one profile e-mails `marie@example.fr` through the server on `port`.
    private func configure(_ folder: borrowing TemporaryFolder, port: Int, smtp: Bool = true) throws -> URL {
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try "sources:\n  - name: news\n    url: http://127.0.0.1:9/news.xml\n".write(
            to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        if smtp {
            try "smtp:\n  host: 127.0.0.1\n  port: \(port)\n  tls: none\n  from: veille@example.org\n".write(
                to: config.appendingPathComponent("veilleur.yaml"), atomically: true, encoding: .utf8)
        }
        let deliver = smtp ? "deliver:\n  email: [marie@example.fr]\n" : ""
        try """
            name: "Filière hydrogène"
            kind: filière
            topics:
              - name: H2
                keywords: [hydrogène]
            \(deliver)
            """.write(to: config.appendingPathComponent("profiles/h2.yaml"), atomically: true, encoding: .utf8)
        return config
    }

    @Test("--send e-mails the day's digest once: a second run writes it again and sends nothing")
    func sendsOnce() throws {
        let server = try SMTPTestServer()
        let folder = try TemporaryFolder()
        let config = try configure(folder, port: server.port)
        let state = folder.url.appendingPathComponent("state")
        let arguments = ["digest", "--send", "--config", config.path, "--state", state.path, "--log-level", "error"]

        let first = try CommandRunner.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("h2.html"))
        let received = try server.received()
        #expect(received.map(\.recipients) == [["marie@example.fr"]])
        let parsed = try SMTPTestServer.parse(try #require(received.first).file)
        #expect(parsed.subject.hasPrefix("Veille : Filière hydrogène — "))
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])

        let second = try CommandRunner.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try server.received().count == 1)
    }

    @Test("--send without smtp in veilleur.yaml exits 2 and writes nothing")
    func sendNeedsSMTP() throws {
        let folder = try TemporaryFolder()
        let config = try configure(folder, port: 9, smtp: false)
        let state = folder.url.appendingPathComponent("state")
        let result = try CommandRunner.run(["digest", "--send", "--config", config.path, "--state", state.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--send needs an smtp: section in veilleur.yaml"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("digests/latest").path))
    }

    @Test("--send to a server that is down writes the digest, records the failure and exits 1")
    func serverDown() throws {
        let port = try { try SMTPTestServer().port }()
        let folder = try TemporaryFolder()
        let config = try configure(folder, port: port)
        let state = folder.url.appendingPathComponent("state")
        let result = try CommandRunner.run(["digest", "--send", "--config", config.path, "--state", state.path, "--log-level", "error"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("0 e-mails sent, 1 to retry, 0 given up"), "\(result.stderr)")
        #expect(result.stdout.contains("h2.md"))
        let markdown = result.stdout.split(separator: "\n").first { $0.hasSuffix("h2.md") }.map(String.init)
        #expect(markdown.map { FileManager.default.fileExists(atPath: $0) } == true)
    }
}
