import Configuration
import Model
import Testing

@Suite struct SourcesAppenderTests {
    static let new = [
        Source(name: "le-monde", url: "https://www.lemonde.fr/rss?a=1&b=\"2\"", tags: ["presse", "null"]),
        Source(name: "true", url: "https://b.example/feed"),
    ]

    @Test("the existing text is kept byte for byte and the items follow in its indentation")
    func keepsTextAndIndentation() throws {
        let original = "# Mes sources\nsources:\n    # la mer\n    - name: pole-mer   # pôle\n      url: https://example.org/feed.xml\n\n# fin\n"
        let text = try SourcesAppender.appending(Self.new, comment: "imported from a.opml on 2026-11-29", to: original)
        #expect(text.hasPrefix(original))
        #expect(String(text.dropFirst(original.count)) == """
                # imported from a.opml on 2026-11-29
                - name: le-monde
                  url: "https://www.lemonde.fr/rss?a=1&b=\\"2\\""
                  tags: [presse, "null"]
                - name: "true"
                  url: "https://b.example/feed"

            """)
    }

    @Test("items at column 0 and a file without a final newline are appended to in kind")
    func columnZeroWithoutNewline() throws {
        let original = "sources:\n- name: a\n  url: https://a.example/feed"
        let text = try SourcesAppender.appending([Source(name: "b", url: "https://b.example/")], comment: "c", to: original)
        #expect(text == original + "\n# c\n- name: b\n  url: \"https://b.example/\"\n")
    }

    @Test("a file with CRLF line ends and a byte order mark goes on with CRLF and keeps its mark")
    func crlfAndByteOrderMark() throws {
        let original = "\u{FEFF}sources:\r\n - name: a\r\n   url: https://a.example/feed\r\n"
        let text = try SourcesAppender.appending([Source(name: "b", url: "https://b.example/")], comment: "c", to: original)
        #expect(text == original + " # c\r\n - name: b\r\n   url: \"https://b.example/\"\r\n")
    }

    @Test("a missing or comment-only file gets a sources: line first")
    func missingFile() throws {
        let source = [Source(name: "b", url: "https://b.example/")]
        #expect(try SourcesAppender.appending(source, comment: "c", to: nil) == "sources:\n  # c\n  - name: b\n    url: \"https://b.example/\"\n")
        #expect(try SourcesAppender.appending(source, comment: "c", to: "# mine") == "# mine\nsources:\n  # c\n  - name: b\n    url: \"https://b.example/\"\n")
    }

    @Test("a list written on the sources: line is refused, with its line")
    func flowList() {
        #expect(throws: SourcesFileError.layout(
            line: 2, message: "the sources list is written on the 'sources:' line; write it as one '- name:' item per line to import into it")
        ) {
            try SourcesAppender.appending(Self.new, comment: "c", to: "# x\nsources: []\n")
        }
    }

    @Test("a comment cannot break out of its line")
    func commentOnOneLine() throws {
        let text = try SourcesAppender.appending([], comment: "from a\nsources: []", to: "sources:\n")
        #expect(text == "sources:\n  # from a sources: []\n")
    }
}
