import Foundation
import Mail
import SMTPTestSupport
import Testing

@Suite("Sending through libcurl's SMTP to a real server on 127.0.0.1", .enabled(if: SMTPTestServer.python != nil, "needs python3 with aiosmtpd"))
struct SMTPClientTests {
    static func server(port: Int) -> SMTPServer {
        SMTPServer(host: "127.0.0.1", port: port, security: .none, connectTimeout: .seconds(5), timeout: .seconds(30))
    }

    @Test("A message arrives whole: Python's email package reads both parts, the encoded subject and the headers")
    func messageArrivesWhole() async throws {
        let server = try SMTPTestServer()
        let message = try MailMessageTests.message(text: "# Veille\n\n.\n- Électrolyseur à Dunkerque = 2 GW\n" + String(repeating: "x", count: 3000))
        try await SMTPClient(server: Self.server(port: server.port)).send(try message.rendered(), from: message.from, to: message.to)

        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].sender == "veille@example.org")
        #expect(received[0].recipients == ["marie@example.fr"])
        let parsed = try SMTPTestServer.parse(received[0].file)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.subject == "Veille « Hydrogène » — 2026-12-06")
        #expect(parsed.from_name == "Cellule de veille")
        #expect(parsed.to == ["marie@example.fr"])
        #expect(parsed.message_id == "<\(message.messageID)>")
        #expect(parsed.date_valid)
        #expect(parsed.list_id == "Filière hydrogène <h2.veilleur.example.org>")
        #expect(parsed.auto_submitted == "auto-generated")
        #expect(parsed.content_type == "multipart/alternative")
        #expect(parsed.longest_line <= 998)
        #expect(parsed.crlf)
        try #require(parsed.parts.count == 2)
        #expect(parsed.parts[0].type == "text/plain")
        #expect(parsed.parts[0].charset == "utf-8")
        #expect(parsed.parts[0].encoding == "quoted-printable")
        #expect(parsed.parts[0].content == message.text.replacingOccurrences(of: "\n", with: "\r\n")
            || parsed.parts[0].content == message.text)
        #expect(parsed.parts[1].type == "text/html")
        #expect(parsed.parts[1].content.contains("<p>Électrolyseur</p>"))
    }

    @Test("A refused recipient fails the message with the server's 550, and nothing is delivered")
    func refusedRecipient() async throws {
        let server = try SMTPTestServer(refusing: ["marie@example.fr"])
        let message = try MailMessageTests.message()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(server: Self.server(port: server.port)).send(try message.rendered(), from: message.from, to: message.to)
        }
        #expect(error?.replyCode == 550)
        #expect(error?.isPermanent == true)
        #expect(error?.recipients == ["marie@example.fr"])
        #expect(try server.received().isEmpty)
    }

    @Test("A server that is down fails with a connection error naming it")
    func serverDown() async throws {
        let port = try {
            let server = try SMTPTestServer()
            return server.port
        }()
        let message = try MailMessageTests.message()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(server: Self.server(port: port)).send(try message.rendered(), from: message.from, to: message.to)
        }
        #expect(error?.replyCode == 0)
        #expect(error?.server == "smtp://127.0.0.1:\(port)")
        #expect(error?.isPermanent == false)
    }
}
