import Mail
import Testing

@Suite("Mail addresses: only what can be written as it is")
struct MailAddressTests {
    @Test("Plain addresses and named mailboxes are read", arguments: [
        ("veille@example.org", "veille@example.org", nil),
        ("Cellule de veille <veille@example.org>", "veille@example.org", "Cellule de veille"),
        ("\"Veille, Région\" <veille@region.fr>", "veille@region.fr", "Veille, Région"),
        ("  o'neil+digest@mail.example.co.uk ", "o'neil+digest@mail.example.co.uk", nil),
    ] as [(String, String, String?)])
    func readsAddresses(text: String, address: String, name: String?) throws {
        let parsed = try MailAddress(parsing: text)
        #expect(parsed.address == address)
        #expect(parsed.displayName == name)
    }

    @Test("Addresses that could break a header or an SMTP command are refused", arguments: [
        "veille@example.org\r\nBcc: victim@example.org",
        "veille@example.org>\r\nRCPT TO:<x@y.z",
        "veille @example.org",
        "veille",
        "@example.org",
        "veille@",
        "a@b@example.org",
        "..veille@example.org",
        "veille.@example.org",
        "veille@-example.org",
        "veille@exa_mple.org",
        "véronique@example.org",
        "\"quoted\"@example.org",
        "veille@[127.0.0.1]",
        String(repeating: "a", count: 65) + "@example.org",
        "a@" + String(repeating: "b", count: 64) + ".org",
    ])
    func refusesHostileAddresses(text: String) {
        #expect(throws: MailError.self) { try MailAddress(address: text) }
    }

    @Test("A display name with a line break is refused")
    func refusesNameWithLineBreak() {
        #expect(throws: MailError.self) { try MailAddress(parsing: "Veille\r\nBcc: x@example.org <veille@example.org>") }
        #expect(throws: MailError.self) { try MailAddress(address: "veille@example.org", displayName: "a\u{2028}b") }
    }
}
