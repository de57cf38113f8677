import Testing
@testable import Fetching

@Suite struct RobotsTxtTests {
    private let agent = "veilleur/0.1 (+https://github.com/veilleur/veilleur)"

    private func robots(_ text: String) -> RobotsTxt {
        RobotsTxt(parsing: Array(text.utf8))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let file: String
        let path: String
        let allowed: Bool
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "a disallowed prefix", file: "User-agent: *\nDisallow: /private\n", path: "/private/a.html", allowed: false),
        Case(label: "a path outside every rule", file: "User-agent: *\nDisallow: /private\n", path: "/public", allowed: true),
        Case(label: "an empty disallow allows all", file: "User-agent: *\nDisallow:\n", path: "/a", allowed: true),
        Case(label: "the longest match wins over an earlier shorter one",
             file: "User-agent: *\nDisallow: /a\nAllow: /a/b\n", path: "/a/b/c", allowed: true),
        Case(label: "the longest match wins over a later shorter one",
             file: "User-agent: *\nAllow: /a\nDisallow: /a/b\n", path: "/a/b/c", allowed: false),
        Case(label: "allow wins a tie", file: "User-agent: *\nDisallow: /a\nAllow: /a\n", path: "/a", allowed: true),
        Case(label: "a star stands for any run", file: "User-agent: *\nDisallow: /*.pdf\n", path: "/docs/x.pdf?v=1", allowed: false),
        Case(label: "a dollar anchors to the end", file: "User-agent: *\nDisallow: /*.pdf$\n", path: "/docs/x.pdf?v=1", allowed: true),
        Case(label: "an anchored pattern matches the whole path", file: "User-agent: *\nDisallow: /*.pdf$\n", path: "/docs/x.pdf", allowed: false),
        Case(label: "the query is part of what is matched", file: "User-agent: *\nDisallow: /*?session=\n", path: "/a?session=1", allowed: false),
        Case(label: "our own group replaces the star group",
             file: "User-agent: *\nDisallow: /\n\nUser-agent: Veilleur\nDisallow: /x\n", path: "/a", allowed: true),
        Case(label: "our product token is matched case-insensitively, without its version",
             file: "User-agent: VEILLEUR/2.0\nDisallow: /\n", path: "/a", allowed: false),
        Case(label: "another crawler's group does not apply", file: "User-agent: otherbot\nDisallow: /\n", path: "/a", allowed: true),
        Case(label: "consecutive user-agent lines share one group",
             file: "User-agent: otherbot\nUser-agent: veilleur\nDisallow: /a\n", path: "/a", allowed: false),
        Case(label: "groups naming us are combined",
             file: "User-agent: veilleur\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n\nUser-agent: veilleur\nDisallow: /b\n",
             path: "/b/1", allowed: false),
        Case(label: "rules before any user-agent line are ignored", file: "Disallow: /\nUser-agent: *\nDisallow: /x\n", path: "/a", allowed: true),
        Case(label: "a sitemap line does not end a group",
             file: "User-agent: *\nSitemap: https://a.example/s.xml\nDisallow: /a\n", path: "/a", allowed: false),
        Case(label: "comments, odd spacing, key case and CR line ends are tolerated",
             file: "# hello\r\nuser-AGENT :  *  # all\r\n  DISALLOW:/a # not /b\r\n", path: "/a", allowed: false),
        Case(label: "an escaped unreserved character equals the plain one",
             file: "User-agent: *\nDisallow: /%7Euser\n", path: "/~user/page", allowed: false),
        Case(label: "escapes compare without regard to the case of their digits",
             file: "User-agent: *\nDisallow: /a%2fb\n", path: "/a%2Fb", allowed: false),
        Case(label: "an escaped slash is not a slash", file: "User-agent: *\nDisallow: /a/b\n", path: "/a%2Fb", allowed: true),
        Case(label: "non-ASCII in a pattern equals its percent-encoding",
             file: "User-agent: *\nDisallow: /été\n", path: "/%C3%A9t%C3%A9/x", allowed: false),
        Case(label: "robots.txt itself is always allowed", file: "User-agent: *\nDisallow: /\n", path: "/robots.txt", allowed: true),
        Case(label: "an empty file allows all", file: "", path: "/a", allowed: true),
    ]

    @Test("Rules are chosen and matched as RFC 9309 says", arguments: cases)
    func rules(_ example: Case) {
        #expect(robots(example.file).allows(example.path, userAgent: agent) == example.allowed)
    }

    @Test("A missing robots.txt allows all; an unreachable one disallows all")
    func fallbacks() {
        #expect(RobotsTxt.allowAll.allows("/a", userAgent: agent))
        #expect(!RobotsTxt.disallowAll.allows("/a", userAgent: agent))
        #expect(!RobotsTxt.disallowAll.allows("/", userAgent: agent))
    }

    @Test("Rules beyond the first 500 KiB are not read")
    func onlyTheFirst500KiBAreRead() {
        let padding = String(repeating: "# padding\n", count: RobotsTxt.maxBytes / 10)
        let file = "User-agent: *\nDisallow: /early\n" + padding + "Disallow: /late\n"
        #expect(!robots(file).allows("/early", userAgent: agent))
        #expect(robots(file).allows("/late", userAgent: agent))
    }

    @Test("A pattern of many stars against a long path is matched without blowing up")
    func manyStarsStayCheap() {
        let file = "User-agent: *\nDisallow: /" + String(repeating: "*a", count: 2000) + "b\n"
        let path = "/" + String(repeating: "a", count: 4000)
        #expect(robots(file).allows(path, userAgent: agent))
    }
}
