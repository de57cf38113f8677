import Testing
@testable import Fetching

@Suite struct HostKeyTests {
    @Test("The host of a URL is its scheme, host and port, lower-cased, with the scheme's default port", arguments: [
        ("http://example.org/feed.xml", "http://example.org:80"),
        ("HTTPS://Example.ORG/Feed", "https://example.org:443"),
        ("https://example.org:8443/a?b=c", "https://example.org:8443"),
        ("http://user:secret@example.org/", "http://example.org:80"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("example.org/feed", "http://example.org:80"),
    ])
    func hostOfAURL(url: String, expected: String) {
        #expect(HostKey(url: url)?.description == expected)
    }

    @Test("Two spellings of one origin share a key")
    func twoSpellingsOfOneOriginShareAKey() {
        #expect(HostKey(url: "http://EXAMPLE.org/a") == HostKey(url: "http://example.org:80/b"))
        #expect(HostKey(url: "http://example.org/") != HostKey(url: "https://example.org/"))
    }

    @Test("A URL without a host has no key", arguments: ["", "http://", "file:///etc/passwd", "http://exa mple.org/"])
    func aURLWithoutAHostHasNoKey(url: String) {
        #expect(HostKey(url: url) == nil)
    }
}
