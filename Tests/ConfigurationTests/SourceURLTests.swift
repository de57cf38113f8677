import Testing

@testable import Configuration

@Suite("Source URLs")
struct SourceURLTests {
    @Test(
        "Absolute http(s) URLs are accepted, internationalised hosts included",
        arguments: [
            "https://example.org/feed.xml", "http://127.0.1.7:8080/a.xml", "https://xn--exmple-cua.fr/flux",
            "https://exämple.fr/flux", "https://EXAMPLE.org/", "https://[::1]:8443/feed", "https://u:p@example.org:81/f",
            "https://example.org?q=1",
        ]
    )
    func accepted(url: String) {
        #expect(SourceURL.problem(with: url) == nil)
    }

    @Test(
        "URLs without a host or with another scheme are refused with the reason",
        arguments: [
            ("https:///feed", "has no host"), ("https://user@/feed", "has no host"), ("https://:8080/feed", "has no host"),
            ("https:example.org/feed", "has no host"), ("ftp://example.org/feed", "unsupported URL scheme 'ftp'"),
            ("feed.xml", "expected an absolute http or https URL"), ("https://exa mple.org/", "write it as %20"),
        ]
    )
    func refused(url: String, reason: String) {
        #expect(SourceURL.problem(with: url)?.contains(reason) == true)
    }
}
