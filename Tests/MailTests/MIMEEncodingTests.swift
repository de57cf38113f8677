import Foundation
@testable import Mail
import Testing

@Suite("MIME encodings: quoted-printable bodies and RFC 2047 headers")
struct MIMEEncodingTests {
    @Test("Quoted-printable keeps ASCII, escapes the rest and '=', and cuts lines at 76")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("Hydrogène = avenir") == "Hydrog=C3=A8ne =3D avenir")
        #expect(QuotedPrintable.encode("a\nb\r\nc") == "a\r\nb\r\nc")
        #expect(QuotedPrintable.encode("trailing \nspace\t") == "trailing=20\r\nspace=09")
        let long = QuotedPrintable.encode(String(repeating: "é", count: 200))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(Self.decode(long) == String(repeating: "é", count: 200))
    }

    @Test("A line of a single dot, or a dot starting a cut line, is escaped")
    func leadingDots() {
        #expect(QuotedPrintable.encode("avant\n.\napres") == "avant\r\n=2E\r\napres")
        let cut = QuotedPrintable.encode(String(repeating: "x", count: 75) + ".suite")
        #expect(!cut.components(separatedBy: "\r\n").contains { $0.hasPrefix(".") })
        #expect(Self.decode(cut) == String(repeating: "x", count: 75) + ".suite")
    }

    @Test("Hostile bodies round-trip: control characters, lone CR, NUL, long lines", arguments: [
        "a\u{0}b\rc\u{1B}[31m", String(repeating: "=", count: 500), String(repeating: "ligne ", count: 400), "\u{202E}rtl\n\n\n",
    ])
    func hostileBodies(text: String) {
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 && !$0.contains("\r") && !$0.contains("\n") })
        #expect(!encoded.contains("=_"))
        #expect(Self.decode(encoded) == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("Plain ASCII headers stay as they are; French ones become UTF-8 encoded-words of at most 75 characters")
    func encodedWords() {
        #expect(HeaderText.unstructured("Daily digest") == "Daily digest")
        let subject = HeaderText.unstructured("Veille « Filière hydrogène — affaires, export et partenariats » du 6 décembre 2026")
        let words = subject.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Veille « Filière hydrogène — affaires, export et partenariats » du 6 décembre 2026")
        // Text that looks like an encoded-word is encoded, so that a reader shows it as written.
        #expect(HeaderText.unstructured("=?UTF-8?B?abc?=").hasPrefix("=?UTF-8?B?"))
    }

    @Test("Display names: atoms as they are, specials quoted, accents encoded")
    func phrases() throws {
        #expect(HeaderText.phrase("Cellule veille") == "Cellule veille")
        #expect(HeaderText.phrase("Veille, \"CCI\"") == "\"Veille, \\\"CCI\\\"\"")
        #expect(HeaderText.phrase("Région Sud").hasPrefix("=?UTF-8?B?"))
        #expect(HeaderText.mailbox(try MailAddress(address: "v@example.org")) == "v@example.org")
    }

    @Test("Dates are RFC 5322, in English, with the zone's offset")
    func dates() {
        let date = Date(timeIntervalSince1970: 1_796_540_400)  // 2026-12-06 07:00 UTC
        #expect(MailDate.format(date, in: TimeZone(identifier: "Europe/Paris")!) == "Sun, 06 Dec 2026 08:00:00 +0100")
        #expect(MailDate.format(date, in: TimeZone(identifier: "UTC")!) == "Sun, 06 Dec 2026 07:00:00 +0000")
    }

    @Test("Message ids and list ids are stable dot-atoms whatever the profile id")
    func ids() {
        let id = MessageID.make(["filière-h2", "2026-12-06", "a@example.org"], domain: "example.org")
        #expect(id == MessageID.make(["filière-h2", "2026-12-06", "a@example.org"], domain: "example.org"))
        #expect(id != MessageID.make(["filière-h2", "2026-12-06", "b@example.org"], domain: "example.org"))
        #expect(ListID.make(profile: "Filière H2 / Export", domain: "example.org") == "fili-re-h2-export.veilleur.example.org")
        #expect(ListID.make(profile: "Île", domain: "x.org").hasSuffix("le.veilleur.x.org"))
        #expect(ListID.make(profile: "—", domain: "x.org") == "\(MessageID.hash("—")).veilleur.x.org")
    }

    /// Decodes quoted-printable, soft breaks removed and line breaks kept as CRLF.
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "=") {
                if input[index + 1] == 0x0D {
                    index += 3
                    continue
                }
                bytes.append(UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)!)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
