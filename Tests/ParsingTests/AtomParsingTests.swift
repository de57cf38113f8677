import Foundation
import Model
import Parsing
import Testing

@Suite struct AtomParsingTests {
    static func parse(_ xml: String, url: String? = nil) throws -> ParsedDocument {
        try DocumentParser.parse(Array(xml.utf8), url: url)
    }

    @Test func atomEntryLinkResolvesAgainstXMLBase() throws {
        let document = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/" xml:lang="en">
              <title>Blog</title>
              <link rel="self" href="feed.atom"/>
              <link href="./"/>
              <entry xml:base="2024/">
                <id>tag:example.org,2024:1</id>
                <title>Post</title>
                <link rel="alternate" href="post.html"/>
                <published>2003-06-03T09:39:21Z</published>
                <updated>2003-06-04T09:39:21Z</updated>
                <author><name>Ann</name><email>ann@example.org</email></author>
                <category term="swift"/>
              </entry>
            </feed>
            """, url: "http://ignored.example/feed")
        #expect(document.format == .atom)
        #expect(document.title == "Blog")
        #expect(document.link == "http://example.org/blog/")
        #expect(document.language == "en")
        let entry = try #require(document.items.first)
        #expect(entry.link == "http://example.org/blog/2024/post.html")
        #expect(entry.id == "tag:example.org,2024:1")
        #expect(entry.published == Date(timeIntervalSince1970: 1_054_633_161))
        #expect(entry.updated == Date(timeIntervalSince1970: 1_054_633_161 + 86_400))
        #expect(entry.author == "Ann")
        #expect(entry.categories == ["swift"])
    }

    @Test func atomTextTypesAreReadAsTextEscapedHTMLOrInlineXHTML() throws {
        let document = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry>
              <title type="text">Less &lt;than&gt;   more</title>
              <summary type="html">&lt;p&gt;Hello &lt;em&gt;world&lt;/em&gt;&lt;/p&gt;</summary>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two&#160;three</p></div></content>
            </entry></feed>
            """)
        let entry = try #require(document.items.first)
        #expect(entry.title == "Less <than> more")
        #expect(entry.summaryText == "Hello world")
        #expect(entry.contentText == "One Two three")
    }

    @Test func updatedNeverFallsBackToPublished() throws {
        let document = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><published>2003-06-03T09:39:21Z</published></entry></feed>
            """)
        #expect(document.items.first?.published != nil)
        #expect(document.items.first?.updated == nil)
    }

    @Test func atom03IssuedAndModifiedAreRead() throws {
        let document = try Self.parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
              <title mode="escaped" type="text/html">&lt;b&gt;Old&lt;/b&gt; Atom</title>
              <link rel="alternate" type="text/html" href="http://example.org/old"/>
              <issued>2003-06-03T09:39:21Z</issued><modified>2003-06-03T09:39:21Z</modified>
            </entry></feed>
            """)
        let entry = try #require(document.items.first)
        #expect(entry.title == "Old Atom")
        #expect(entry.link == "http://example.org/old")
        #expect(entry.published == Date(timeIntervalSince1970: 1_054_633_161))
        #expect(entry.updated == Date(timeIntervalSince1970: 1_054_633_161))
    }
}

/// An Atom text construct is HTML when its type names HTML anywhere, in any case.
@Suite struct AtomTextTypeTests {
    @Test("types that name html are read as escaped HTML, the others as text", arguments: [
        ("html", "Un deux"), ("text/HTML", "Un deux"), ("hhtml", "Un deux"),
        ("text", "<b>Un</b> deux"), ("htm", "<b>Un</b> deux"), ("hmtl", "<b>Un</b> deux"),
    ])
    func htmlTypes(_ type: String, _ expected: String) throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>1</id>
            <title type="\(type)">&lt;b&gt;Un&lt;/b&gt; deux</title></entry></feed>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.first?.title == expected)
    }
}
