import Model
import Parsing
import Testing

@Suite struct OPMLReaderTests {
    static func read(_ text: String, limits: OPMLLimits = OPMLLimits()) throws(ParseError) -> [Subscription] {
        try OPMLReader.subscriptions(in: Array(text.utf8), limits: limits)
    }

    @Test("a Feedly export gives each feed with its title, URLs and folder")
    func feedly() throws {
        let subscriptions = try Self.read(OPMLStyles.feedly)
        #expect(subscriptions.map(\.title) == ["Hydrogen Insight", "Le Monde - Planète", "Pôle Mer Bretagne Atlantique"])
        #expect(subscriptions.map(\.folders) == [["Énergie"], ["Énergie"], ["Mer"]])
        #expect(subscriptions[1].feedURL == "https://www.lemonde.fr/planete/rss_full.xml")
        #expect(subscriptions[1].siteURL == "https://www.lemonde.fr/planete/")
        #expect(subscriptions[0].line == 8)
    }

    @Test("an Inoreader export gives feeds in folders and feeds outside any folder")
    func inoreader() throws {
        let subscriptions = try Self.read(OPMLStyles.inoreader)
        #expect(subscriptions.map(\.title) == ["Actu-Environnement", "Techniques de l'Ingénieur"])
        #expect(subscriptions.map(\.folders) == [["Veille"], []])
    }

    @Test("a Miniflux export names its categories with text only")
    func miniflux() throws {
        let subscriptions = try Self.read(OPMLStyles.miniflux)
        #expect(subscriptions == [Subscription(
            title: "Ouest-France Économie", feedURL: "https://www.ouest-france.fr/rss/economie",
            siteURL: "https://www.ouest-france.fr/economie/", folders: ["All"], line: 9)])
    }

    @Test("a FreshRSS export reads a feed without type and its category attribute")
    func freshRSS() throws {
        let subscriptions = try Self.read(OPMLStyles.freshRSS)
        #expect(subscriptions.map(\.title) == ["Journal du Net", "H2 Mobile"])
        #expect(subscriptions[1].categories == ["/Hydrogène/Mobilité", "transport"])
        #expect(subscriptions[1].folders == ["Industrie"])
    }

    @Test("nested folders are all inherited, outermost first, and siblings do not leak into each other")
    func nestedFolders() throws {
        let subscriptions = try Self.read("""
            <opml version="2.0"><body>
              <outline text="A"><outline text="B"><outline text="f1" xmlUrl="https://a.example/1"/></outline>
                <outline text="empty"/>
                <outline text="f2" xmlUrl="https://a.example/2"/></outline>
              <outline text="f3" xmlUrl="https://a.example/3"/>
            </body></opml>
            """)
        #expect(subscriptions.map(\.folders) == [["A", "B"], ["A"], []])
    }

    @Test("an external entity is not read, so no local file reaches a title")
    func externalEntity() throws {
        let subscriptions = try Self.read("""
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <opml version="2.0"><body><outline title="a &xxe; b" xmlUrl="https://a.example/feed"/></body></opml>
            """)
        #expect(subscriptions.count == 1)
        #expect(!subscriptions[0].title.contains("root:"))
    }

    @Test("an entity bomb ends with bounded titles or an error, never with the expansion")
    func entityBomb() {
        var doctype = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let text = "<?xml version=\"1.0\"?><!DOCTYPE opml [\(doctype)]><opml><body><outline title=\"&lol9;\" xmlUrl=\"https://a.example/\"/></body></opml>"
        do {
            let subscriptions = try Self.read(text)
            #expect(subscriptions.allSatisfy { $0.title.utf8.count <= 10_000_000 })
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test("a javascript: xmlUrl is read as written, for the import to refuse")
    func javascriptURL() throws {
        let subscriptions = try Self.read(#"<opml><body><outline text="x" xmlUrl="javascript:alert(1)"/></body></opml>"#)
        #expect(subscriptions.map(\.feedURL) == ["javascript:alert(1)"])
    }

    @Test("a file larger than the limit is refused before it is parsed")
    func tooLarge() {
        #expect(throws: ParseError.self) {
            try Self.read(OPMLStyles.feedly, limits: OPMLLimits(maxBytes: 100))
        }
    }

    @Test("a file with more outlines than the limit is refused")
    func tooManyOutlines() {
        let outlines = (1...4).map { #"<outline text="f" xmlUrl="https://a.example/\#($0)"/>"# }.joined()
        #expect {
            try Self.read("<opml><body>\(outlines)</body></opml>", limits: OPMLLimits(maxOutlines: 3))
        } throws: { error in
            (error as? ParseError)?.message == "the file holds more than 3 outlines"
        }
    }

    @Test("a document that is not OPML is refused with what its root is")
    func notOPML() {
        #expect {
            try Self.read("<rss version=\"2.0\"><channel/></rss>")
        } throws: { error in
            (error as? ParseError)?.message == "the root element is <rss>, not <opml>"
        }
    }

    @Test("an OPML file cut short is refused rather than half read")
    func truncated() {
        #expect(throws: ParseError.self) {
            try Self.read(String(OPMLStyles.feedly.prefix(400)))
        }
    }
}
