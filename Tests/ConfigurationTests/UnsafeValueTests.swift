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

    @Test("An issue's description shows control characters of its file name escaped")
    func escapedFileName() {
        let issue = ConfigIssue(file: "profiles/a\u{1B}[2Jb.yaml", line: 0, column: 0, message: "m")
        #expect(issue.description == "profiles/a\\u{1B}[2Jb.yaml: m")
    }
}
