import Model
import Testing

@Suite struct URLRedactionTests {
    @Test("user info and credential-like parameters are masked, everything else is kept", arguments: [
        ("http://user:s3cret@example.org/feed.xml", "http://***@example.org/feed.xml"),
        ("https://ghp_abcdef@example.org/", "https://***@example.org/"),
        ("https://example.org/rss?token=abc&lang=fr", "https://example.org/rss?token=***&lang=fr"),
        ("https://example.org/rss?lang=fr&apikey=K&api_key=K2&X-Api-Key=K3", "https://example.org/rss?lang=fr&apikey=***&api_key=***&X-Api-Key=***"),
        ("https://example.org/rss?access_token=a.b.c#top", "https://example.org/rss?access_token=***#top"),
        ("https://example.org/rss?key=1&password=2&client_secret=3&sig=4", "https://example.org/rss?key=***&password=***&client_secret=***&sig=***"),
        ("https://example.org/rss?%74oken=abc", "https://example.org/rss?%74oken=***"),
        ("https://example.org/search?q=hydrog%C3%A8ne&author=jean", "https://example.org/search?q=hydrog%C3%A8ne&author=jean"),
        ("https://example.org/a@b/feed?token", "https://example.org/a@b/feed?token"),
        ("not a url ?token=zzz", "not a url ?token=***"),
    ])
    func redacted(input: String, expected: String) {
        #expect(URLRedaction.redacted(input) == expected)
    }

    @Test("a URL without credentials comes back unchanged", arguments: [
        "https://www.economie.gouv.fr/rss", "http://127.0.0.1:8080/feed.xml?x=1&y=2", "", "https://example.org/?",
    ])
    func unchanged(url: String) {
        #expect(URLRedaction.redacted(url) == url)
        #expect(URLRedaction.withoutCredentials(url) == url)
    }

    @Test("a base URL for links loses its credentials entirely")
    func withoutCredentials() {
        #expect(URLRedaction.withoutCredentials("http://u:p@host/f?token=t&page=2") == "http://host/f?page=2")
        #expect(URLRedaction.withoutCredentials("http://host/f?token=t") == "http://host/f")
    }

    @Test("secrets quoted by a library in its own words are masked")
    func scrub() {
        let url = "http://user:pa%20ss@host.example/f?apikey=K123&x=1"
        let message = "Failed to connect to user:pa ss@host.example with pa%20ss and key K123; x=1 stays"
        let scrubbed = URLRedaction.scrub(message, secretsOf: url)
        #expect(!scrubbed.contains("pa ss") && !scrubbed.contains("pa%20ss") && !scrubbed.contains("K123"))
        #expect(scrubbed.contains("x=1 stays"))
    }
}

extension URLRedactionTests {
    @Test("a secret too short to be told apart from ordinary text does not mangle a message")
    func shortSecrets() {
        let message = "HTTP 401 after 1 redirect"
        #expect(URLRedaction.scrub(message, secretsOf: "http://host/f?key=1") == message)
    }
}
