import Model
import Parsing
import Testing

@Suite struct OPMLWriterTests {
    @Test("tagged sources go in a folder named after their first tag, with every tag as category")
    func foldersAndCategories() {
        let text = OPMLWriter.document(title: "t", sources: [
            Source(name: "a", url: "https://a.example/feed", tags: ["mer", "energie"]),
            Source(name: "b", url: "https://b.example/feed"),
            Source(name: "c", url: "https://c.example/feed", tags: ["mer"]),
        ])
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>t</title>
              </head>
              <body>
                <outline text="mer" title="mer">
                  <outline text="a" title="a" type="rss" xmlUrl="https://a.example/feed" category="mer,energie"/>
                  <outline text="c" title="c" type="rss" xmlUrl="https://c.example/feed" category="mer"/>
                </outline>
                <outline text="b" title="b" type="rss" xmlUrl="https://b.example/feed"/>
              </body>
            </opml>

            """)
    }

    @Test("markup characters, quotes and line breaks are escaped and characters XML cannot hold are left out")
    func escaping() throws {
        let source = Source(name: "a\"b<c>&d'e", url: "https://a.example/feed?x=1&y=\"2\"", tags: ["t\n<x>\u{1B}"])
        let text = OPMLWriter.document(title: "<&>", sources: [source])
        #expect(text.contains(#"text="a&quot;b&lt;c&gt;&amp;d&apos;e""#))
        #expect(text.contains(#"xmlUrl="https://a.example/feed?x=1&amp;y=&quot;2&quot;""#))
        #expect(text.contains(#"category="t&#10;&lt;x&gt;""#))
        #expect(text.contains("<title>&lt;&amp;&gt;</title>"))
        #expect(!text.contains("\u{1B}"))
        let back = try OPMLReader.subscriptions(in: Array(text.utf8))
        #expect(back.map(\.title) == [source.name])
        #expect(back.map(\.feedURL) == [source.url])
        // The reader folds white space in attribute values, as it does in feed titles.
        #expect(back.map(\.categories) == [["t <x>"]])
    }
}
