import Testing

@testable import Storage

@Suite("Item identity")
struct ItemIdentityTests {
    @Test(
        "A GUID is global when it names itself (a colon, or 24 characters or more), else local to its source",
        arguments: [
            ("urn:uuid:1", true), ("https://example.com/a", true), ("0123456789abcdef01234567", true),
            ("0123456789abcdef0123456", false), ("42", false), ("", false),
            // Twelve characters but 24 bytes: characters are counted, not bytes.
            (String(repeating: "é", count: 12), false), (String(repeating: "é", count: 24), true),
        ]
    )
    func guidScope(guid: String, isGlobal: Bool) {
        let key = ItemIdentity.guidKey(guid, source: "src")
        #expect(key == (isGlobal ? guid : "src\u{1F}\(guid)"))
    }
}
