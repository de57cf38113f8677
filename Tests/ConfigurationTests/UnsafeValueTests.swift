import Configuration
import Foundation
import Model
import Testing

/// Values that would break a file name or an HTTP request later are refused by `check`, where they are written.
@Suite("Values unsafe for file names and requests")
struct UnsafeValueTests {
    /// One configuration with one unsafe value and the single issue it must raise.
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        /// Files to write besides a valid `sources.yaml` (when not given) and an empty `profiles/`.
        let files: [String: String]
        /// The file the issue is in, relative to the folder.
        let file: String
        let line: Int
        let column: Int
        let message: String

        var testDescription: String { label }
    }

    static let validProfile = "kind: cluster\ntopics:\n  - name: A\n    keywords: [a]\n"
    static let longName = String(repeating: "p", count: 201)

    static let cases: [Case] = [
        Case(label: "profile file name with a bell character", files: ["profiles/a\u{7}b.yaml": validProfile],
             file: "profiles/a\u{7}b.yaml", line: 0, column: 0,
             message: "the file name holds the control character U+0007; rename the file (its name is the profile id)"),
        Case(label: "profile file name with a line break", files: ["profiles/a\nb.yaml": validProfile],
             file: "profiles/a\nb.yaml", line: 0, column: 0,
             message: "the file name holds the control character U+000A; rename the file (its name is the profile id)"),
        Case(label: "profile file name too long to name its digests", files: ["profiles/\(longName).yaml": validProfile],
             file: "profiles/\(longName).yaml", line: 0, column: 0,
             message: "the profile id (the file name without extension) is 201 bytes long; digest files are named "
                + "after it, so it may have at most 200; rename the file"),
        Case(label: "profile file name with a backslash", files: ["profiles/a\\b.yaml": validProfile],
             file: "profiles/a\\b.yaml", line: 0, column: 0,
             message: "the file name holds a path separator '\\'; rename the file (its name is the profile id)"),
        Case(label: "URL with a space", files: ["sources.yaml": "sources:\n  - name: a\n    url: \"https://a.example/a b\"\n"],
             file: "sources.yaml", line: 3, column: 10,
             message: "the URL holds a space; write it as %20"),
        Case(label: "URL with a tab", files: ["sources.yaml": "sources:\n  - name: a\n    url: \"https://a.example/a\\tb\"\n"],
             file: "sources.yaml", line: 3, column: 10,
             message: "the URL holds the character U+0009, which a URL cannot hold; percent-encode it"),
        Case(label: "URL with a control character",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: \"https://a.example/\\x01\"\n"],
             file: "sources.yaml", line: 3, column: 10,
             message: "the URL holds the character U+0001, which a URL cannot hold; percent-encode it"),
        Case(label: "URL Foundation cannot parse", files: ["sources.yaml": "sources:\n  - name: a\n    url: \"http://[::1/feed\"\n"],
             file: "sources.yaml", line: 3, column: 10,
             message: "invalid URL 'http://[::1/feed'; expected an absolute http or https URL"),
        Case(label: "header value with NUL",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {X-Test: \"a\\0b\"}\n"],
             file: "sources.yaml", line: 4, column: 23,
             message: "the value of header 'X-Test' holds the control character U+0000; header values cannot hold control characters other than tab"),
        Case(label: "header value with CR LF",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {X-Test: \"a\\r\\nX-Injected: 1\"}\n"],
             file: "sources.yaml", line: 4, column: 23,
             message: "the value of header 'X-Test' holds the control character U+000D; header values cannot hold control characters other than tab"),
        Case(label: "header name with a space",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {\"X Test\": b}\n"],
             file: "sources.yaml", line: 4, column: 15,
             message: "invalid header name 'X Test'; a header name is letters, digits and !#$%&'*+-.^_`|~"),
        Case(label: "header name with a colon",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {\"X:Test\": b}\n"],
             file: "sources.yaml", line: 4, column: 15,
             message: "invalid header name 'X:Test'; a header name is letters, digits and !#$%&'*+-.^_`|~"),
        Case(label: "header overriding Host",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {Host: b.example}\n"],
             file: "sources.yaml", line: 4, column: 15,
             message: "header 'Host' cannot be set: it is derived from the URL and the request; remove it"),
        Case(label: "header overriding Transfer-Encoding",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {transfer-encoding: chunked}\n"],
             file: "sources.yaml", line: 4, column: 15,
             message: "header 'transfer-encoding' cannot be set: it is derived from the URL and the request; remove it"),
        Case(label: "header declared twice in two cases",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {Accept: a, ACCEPT: b}\n"],
             file: "sources.yaml", line: 4, column: 26,
             message: "header 'ACCEPT' is declared twice (names ignore case); first declared at line 4"),
        Case(label: "cookie with CR LF",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    cookie: \"a=b\\r\\nX-Injected: 1\"\n"],
             file: "sources.yaml", line: 4, column: 13,
             message: "the value of header 'Cookie' holds the control character U+000D; header values cannot hold control characters other than tab"),
        Case(label: "cookie given twice",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {cookie: a=b}\n    cookie: c=d\n"],
             file: "sources.yaml", line: 5, column: 13,
             message: "the cookie is given twice, here and as a 'Cookie' header; keep one"),
        Case(label: "header value too long",
             files: ["sources.yaml": "sources:\n  - name: a\n    url: https://a.example/\n    headers: {X-Long: \(String(repeating: "v", count: 8200))}\n"],
             file: "sources.yaml", line: 4, column: 23,
             message: "header 'X-Long' is longer than 8192 bytes; shorten its value"),
        Case(label: "proxy of an unsupported kind", files: ["veilleur.yaml": "fetch:\n  proxy: ftp://proxy.example:21\n"],
             file: "veilleur.yaml", line: 2, column: 10,
             message: "unsupported proxy scheme 'ftp'; expected one of http, https, socks5, socks5h"),
        Case(label: "proxy without a scheme", files: ["veilleur.yaml": "fetch:\n  proxy: proxy.example:3128\n"],
             file: "veilleur.yaml", line: 2, column: 10,
             message: "invalid proxy 'proxy.example:3128'; expected a URL such as http://proxy.example:3128"),
        Case(label: "contact that is neither a URL nor a mail address", files: ["veilleur.yaml": "contact: veille at example.org\n"],
             file: "veilleur.yaml", line: 1, column: 10,
             message: "contact holds the character U+0020; expected a URL or a mailto: address without spaces or parentheses"),
        Case(label: "contact with a parenthesis", files: ["veilleur.yaml": "contact: \"https://example.org/)x\"\n"],
             file: "veilleur.yaml", line: 1, column: 10,
             message: "contact holds the character U+0029; expected a URL or a mailto: address without spaces or parentheses"),
        Case(label: "user agent with CR LF", files: ["veilleur.yaml": "user_agent: \"veilleur\\r\\nX-Injected: 1\"\n"],
             file: "veilleur.yaml", line: 1, column: 13,
             message: "user_agent holds the control character U+000D; header values cannot hold control characters other than tab"),
        Case(label: "user agent with NUL", files: ["veilleur.yaml": "user_agent: \"veilleur\\0\"\n"],
             file: "veilleur.yaml", line: 1, column: 13,
             message: "user_agent holds the control character U+0000; header values cannot hold control characters other than tab"),
    ]

    @Test("An unsafe value is refused at load time with its location", arguments: cases)
    func refused(_ example: Case) throws {
        var files = example.files
        if files["sources.yaml"] == nil { files["sources.yaml"] = twoSources }
        let folder = try ConfigFolder(files: files)
        do {
            _ = try Configuration.load(directory: folder.url)
            Issue.record("the configuration should not load")
        } catch {
            #expect(error.issues == [ConfigIssue(
                file: folder.path(example.file), line: example.line, column: example.column, message: example.message)])
        }
    }

    @Test("Safe values next to the unsafe ones still load: tabs in header values, accents in URLs")
    func safeValuesLoad() throws {
        let sources = """
            sources:
              - name: a
                url: https://a.example/économie
                headers: {X-Test: "a\\tb", Accept-Language: "fr-FR, fr;q=0.9"}
            """
        let folder = try ConfigFolder(files: [
            "sources.yaml": sources, "veilleur.yaml": "user_agent: \"veilleur/1.0 (+https://a.example/)\"\n",
        ])
        let configuration = try Configuration.load(directory: folder.url)
        #expect(configuration.sources.first?.headers == ["X-Test": "a\tb", "Accept-Language": "fr-FR, fr;q=0.9"])
        #expect(configuration.settings.userAgent == "veilleur/1.0 (+https://a.example/)")
    }

    @Test("A cookie is sent as the Cookie header, a contact is added to the User-Agent, and a proxy is kept as written")
    func cookieContactAndProxyLoad() throws {
        let sources = """
            sources:
              - name: a
                url: https://a.example/feed.xml
                headers: {Accept-Language: fr}
                cookie: "consent=yes; lang=fr"
            """
        let settings = "contact: mailto:veille@example.org\nfetch:\n  proxy: socks5h://user:pw@127.0.0.1:1080\n"
        let folder = try ConfigFolder(files: ["sources.yaml": sources, "veilleur.yaml": settings])
        let configuration = try Configuration.load(directory: folder.url)
        #expect(configuration.sources.first?.headers == ["Accept-Language": "fr", "Cookie": "consent=yes; lang=fr"])
        #expect(configuration.settings.requestUserAgent == Settings.defaultUserAgent + " (+mailto:veille@example.org)")
        #expect(configuration.settings.proxy == "socks5h://user:pw@127.0.0.1:1080")
        #expect(Settings().requestUserAgent == "veilleur/0.1 (+https://github.com/veilleur/veilleur)")
    }

    @Test("An issue's description shows control characters of its file name escaped")
    func escapedFileName() {
        let issue = ConfigIssue(file: "profiles/a\u{1B}[2Jb.yaml", line: 0, column: 0, message: "m")
        #expect(issue.description == "profiles/a\\u{1B}[2Jb.yaml: m")
    }
}
