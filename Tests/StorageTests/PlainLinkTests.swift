import SeededRandom
import Testing

@testable import Storage

@Suite("Plain links")
struct PlainLinkTests {
    @Test("The byte reading of a plain link gives what URLComponents gives, on generated links")
    func agreesWithComponents() {
        var generator = SplitMix(seed: 0x5eed)
        var vouched = 0
        var vouchedWithPort = 0
        for _ in 0..<20_000 {
            let link = Self.randomLink(using: &generator)
            guard let plain = PlainLink.canonical(link) else { continue }
            vouched += 1
            let authority = link.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)[2]
            if authority.contains(":") { vouchedWithPort += 1 }
            #expect(plain == CanonicalLink.canonicalizeWithComponents(link), "link: \(link)")
        }
        // The generator is tuned so that many links are plain; a change that vouches for none would pass
        // the comparison above without testing anything.
        #expect(vouched > 4_000)
        #expect(vouchedWithPort > 500)
    }

    @Test(
        "Links the byte reading leaves to URLComponents",
        arguments: [
            "HTTP://example.com/a", "http://Example.com/a", "http://example.com:080/a", "http://user@example.com/a",
            "http://example.com:/a", "http://example.com:65536/a", "http://example.com:123456/a", "http://a:b@example.com/",
            "http://[::1]/a", "http://example.com/a b", "http://example.com/%zz", "http://example.com/a?b",
            "http://example.com/a?=1", "http://example.com/a?a=1&&b=2", "http://example.com/a#b#c",
            "ftp://example.com/a", "http:///a", "http://ex_ample.com/a", "http://exämple.com/a",
        ]
    )
    func leavesOddLinks(link: String) {
        #expect(PlainLink.canonical(link) == nil)
    }

    @Test(
        "Plain links are canonicalised on bytes",
        arguments: [
            ("https://example.com/a?utm_source=rss&b=2&a=1#top", "https://example.com/a?a=1&b=2"),
            ("https://example.com/?xtor=RSS-1", "https://example.com"),
            ("http://example.com/", "http://example.com"),
            ("http://example.com/dir/", "http://example.com/dir/"),
            ("http://example.com:80/a?b=1", "http://example.com/a?b=1"),
            ("https://example.com:443/", "https://example.com"),
            ("https://127.0.1.7:8443/a/", "https://127.0.1.7:8443/a/"),
            ("http://example.com:8080/", "http://example.com:8080"),
        ]
    )
    func canonicalises(link: String, expected: String) {
        #expect(PlainLink.canonical(link) == expected)
    }

    private static let pieces = [
        "a", "b", "Z", "0", "9", "-", ".", "_", "~", "!", "$", "'", "(", ")", "*", "+", ",", ";", ":", "@", "/",
        "%41", "%c3%a9", "%", "%g1", "é", " ", "\"", "<", "[", "|", "\\", "^", "`", "{",
    ]
    private static let queryPieces = [
        "a=1", "b=2", "a=", "utm_source=x", "UTM_Medium=y", "fbclid=3", "xtor=RSS", "q=%C3%A9", "k", "=v", "", "a=b=c",
        "x=/?", "é=1", "z=%zz",
    ]

    private static func pick(_ options: [String], weights: [Int], using generator: inout SplitMix) -> String {
        var pick = Int.random(in: 0..<weights.reduce(0, +), using: &generator)
        for (option, weight) in zip(options, weights) {
            if pick < weight { return option }
            pick -= weight
        }
        return options[options.count - 1]
    }

    private static func randomLink(using generator: inout SplitMix) -> String {
        var link = pick(["http://", "https://", "HTTP://", "http:/", "ftp://"], weights: [8, 8, 1, 1, 1], using: &generator)
        link += pick(
            ["example.com", "www.ex-ample.fr", "a.b.c", "Example.COM", "ex_ample.org", "", "[::1]", "host:8080", "host:80",
                "user@host", "127.0.0.1", "host:443", "host:0", "host:080", "host:65535", "host:65536", "host:", "h:1@x"],
            weights: [6, 6, 2, 1, 1, 1, 1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1], using: &generator)
        if Int.random(in: 0..<4, using: &generator) > 0 {
            for _ in 0..<Int.random(in: 0..<8, using: &generator) {
                link += Int.random(in: 0..<3, using: &generator) == 0
                    ? pieces.randomElement(using: &generator)! : ["/", "x", "page", "2024", "article-1.html"].randomElement(using: &generator)!
            }
        }
        if Bool.random(using: &generator) {
            let count = Int.random(in: 0..<5, using: &generator)
            link += "?" + (0..<count).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0
                    ? queryPieces.randomElement(using: &generator)! : queryPieces[Int.random(in: 0..<4, using: &generator)]
            }.joined(separator: "&")
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            link += "#" + ["top", "a#b", "x?y", "é", "", "c/d"].randomElement(using: &generator)!
        }
        return link
    }
}
