import Storage
import Testing

@Suite("Canonical links")
struct CanonicalLinkTests {
    @Test(
        "Links are reduced to their canonical form",
        arguments: [
            ("HTTPS://Example.COM/Article", "https://example.com/Article"),
            ("http://example.com:80/a", "http://example.com/a"),
            ("https://example.com:443/a", "https://example.com/a"),
            ("https://example.com:8443/a", "https://example.com:8443/a"),
            ("https://example.com/a#comments", "https://example.com/a"),
            ("https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"),
            ("https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&xtor=RSS-1", "https://example.com/a"),
            ("https://example.com/a?UTM_Campaign=x&id=3", "https://example.com/a?id=3"),
            ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
            ("https://example.com/", "https://example.com"),
            ("https://example.com/dir/", "https://example.com/dir/"),
            ("https://example.com/?b=1", "https://example.com?b=1"),
            ("https://example.com/a?q=caf%C3%A9", "https://example.com/a?q=caf%C3%A9"),
            ("  https://example.com/a  ", "https://example.com/a"),
            ("not a url", "not a url"),
        ]
    )
    func canonicalForm(link: String, expected: String) {
        #expect(CanonicalLink.canonicalize(link) == expected)
    }

    @Test("Canonicalising twice changes nothing")
    func idempotent() {
        let once = CanonicalLink.canonicalize("HTTP://WWW.Example.com:80/x/?z=1&utm_term=a&a=2#f")
        #expect(CanonicalLink.canonicalize(once) == once)
    }
}
