import Foundation
import Mail
import Testing

@Suite("Mail messages: multipart/alternative with the Markdown and HTML digests")
struct MailMessageTests {
    static func message(subject: String = "Veille « Hydrogène » — 2026-12-06", text: String = "# Veille\n\n- Électrolyseur à Dunkerque\n") throws -> MailMessage {
        MailMessage(
            from: try MailAddress(parsing: "Cellule de veille <veille@example.org>"), to: [try MailAddress(address: "marie@example.fr")],
            subject: subject, date: Date(timeIntervalSince1970: 1_796_540_400), timeZone: TimeZone(identifier: "Europe/Paris")!,
            messageID: MessageID.make(["h2", "2026-12-06", "marie@example.fr"], domain: "example.org"),
            list: (name: "Filière hydrogène", id: ListID.make(profile: "h2", domain: "example.org")),
            text: text, html: "<!doctype html><p>Électrolyseur</p>")
    }

    @Test("The rendered message is ASCII with CRLF lines of at most 998 bytes, and both parts")
    func renderedShape() throws {
        let bytes = try Self.message(text: String(repeating: "très longue ligne ", count: 200)).rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(text.hasSuffix("--\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 && !$0.contains("\n") && !$0.contains("\r") })
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Date: Sun, 06 Dec 2026 08:00:00 +0100"))
        #expect(lines.contains { $0.hasPrefix("Content-Type: multipart/alternative; boundary=\"=_veilleur_") })
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.contains("Content-Type: text/html; charset=utf-8"))
        #expect(lines.contains("List-Id: =?UTF-8?B?RmlsacOocmUgaHlkcm9nw6huZQ==?= <h2.veilleur.example.org>"))
    }

    @Test("The same message renders to the same bytes")
    func deterministic() throws {
        #expect(try Self.message().rendered() == Self.message().rendered())
    }

    @Test("A subject or list name with a line break is refused rather than sent", arguments: [
        "Veille\r\nBcc: victim@example.org", "Veille\nX-Injected: 1", "Veille\u{0}", "Veille\u{85}suite",
    ])
    func refusesInjection(subject: String) throws {
        #expect(throws: MailError.self) { try Self.message(subject: subject).rendered() }
        var listed = try Self.message()
        listed.list = (name: subject, id: "h2.veilleur.example.org")
        #expect(throws: MailError.self) { try listed.rendered() }
    }

    @Test("A message without recipients or with a malformed id is refused")
    func refusesMalformed() throws {
        var message = try Self.message()
        message.to = []
        #expect(throws: MailError.self) { try message.rendered() }
        message = try Self.message()
        message.messageID = "a b@example.org>\r\nX: y"
        #expect(throws: MailError.self) { try message.rendered() }
    }
}
