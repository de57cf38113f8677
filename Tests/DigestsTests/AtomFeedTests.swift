import Digests
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The entries of an Atom file, as an XML parser reads them.
private final class AtomReader: NSObject, XMLParserDelegate {
    struct Entry {
        var id = ""
        var title = ""
        var updated = ""
        var links: [String] = []
        var summary: String?
        var content: String?
    }

    private(set) var entries: [Entry] = []
    private(set) var feedTitle = ""
    private var current: Entry?
    private var text = ""

    static func read(_ url: URL) throws -> AtomReader {
        let reader = AtomReader()
        let parser = XMLParser(data: try Data(contentsOf: url))
        parser.delegate = reader
        guard parser.parse() else {
            throw AtomReadError(description: "\(url.path): \(parser.parserError.map { "\($0)" } ?? "not well-formed")")
        }
        return reader
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        text = ""
        if elementName == "entry" { current = Entry() }
        if elementName == "link", let href = attributes["href"] { current?.links.append(href) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "entry":
            if let current { entries.append(current) }
            current = nil
        case "id": current?.id = text
        case "title": if current != nil { current?.title = text } else { feedTitle = text }
        case "updated": current?.updated = text
        case "summary": current?.summary = text
        case "content": current?.content = text
        default: break
        }
    }
}

private struct AtomReadError: Error, CustomStringConvertible {
    var description: String
}

@Suite("Atom feed of a profile's alerts")
struct AtomFeedTests {
    @Test("The feed is well-formed XML and holds the digest's entries, ranked, with their text unescaped")
    func wellFormed() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest([
            entry("Second", score: 1, snippet: "deux"),
            DigestEntry(title: "Premier & <meilleur>", link: "https://news.example/a", source: "S", score: 5, snippet: "un \"extrait\""),
        ]))
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(feed.feedTitle == "Réalité étendue")
        #expect(feed.entries.map(\.title) == ["Premier & <meilleur>", "Second"])
        #expect(feed.entries[0].links == ["https://news.example/a"])
        #expect(feed.entries[0].summary == "un \"extrait\"")
        #expect(feed.entries[0].updated == "2026-11-26T07:00:00Z")
    }

    @Test("An entry's id is its link, and an item without a web link is named by period and title")
    func entryIDFromLink() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest([
            DigestEntry(title: "T", link: "https://news.example/a?x=1&y=2", source: "S", score: 2),
            DigestEntry(title: "Sans lien : é", link: nil, source: "S", score: 1),
        ]))
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(feed.entries.map(\.id) == ["https://news.example/a?x=1&y=2", "urn:veilleur:item:2026-11-26:Sans%20lien%20%3A%20%C3%A9"])
    }

    @Test("Hostile feed text stays well-formed and a non-web link is left out, the entry carrying content instead")
    func hostileText() throws {
        let directory = try TemporaryDirectory()
        let hostile = DigestEntry(
            title: "<script>alert(1)</script>]]>&amp;lt;\u{202E}\u{FFFE}", link: "javascript:alert(1)", source: "<S>",
            score: 1, topics: ["\"'<>&"], snippet: "</content><x>"
        )
        _ = try DigestWriter(root: directory.url).write(digest([hostile]))
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(feed.entries.count == 1)
        #expect(feed.entries[0].title == "<script>alert(1)</script>]]>&amp;lt;")
        #expect(feed.entries[0].links.isEmpty)
        #expect(feed.entries[0].content == "</content><x>")
    }

    @Test("The feed keeps the newest 100 entries across periods, newest period first")
    func keepsAtMostOneHundred() throws {
        let directory = try TemporaryDirectory()
        let writer = DigestWriter(root: directory.url)
        for day in ["24", "25", "26"] {
            let entries = (1...40).map { DigestEntry(title: "\(day)-\($0)", link: "https://news.example/\(day)/\($0)", source: "S", score: Double(100 - $0)) }
            _ = try writer.write(digest(period: "2026-11-\(day)", entries))
        }
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(feed.entries.count == 100)
        #expect(feed.entries.first?.title == "26-1")
        #expect(feed.entries[40].title == "25-1")
        #expect(feed.entries.last?.title == "24-20")
    }

    @Test("An item in several periods appears once, from the newest, and ids are unique")
    func noDuplicateIDs() throws {
        let directory = try TemporaryDirectory()
        let writer = DigestWriter(root: directory.url)
        let shared = "https://news.example/shared"
        _ = try writer.write(digest(period: "2026-11-25", [
            DigestEntry(title: "Ancien titre", link: shared, source: "S", score: 1),
            DigestEntry(title: "Sans lien", source: "S", score: 1),
        ]))
        _ = try writer.write(digest(period: "2026-11-26", [
            DigestEntry(title: "Nouveau titre", link: shared, source: "S", score: 1),
            DigestEntry(title: "Sans lien", source: "S", score: 1),
        ]))
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(Set(feed.entries.map(\.id)).count == feed.entries.count)
        #expect(feed.entries.map(\.title) == ["Nouveau titre", "Sans lien", "Sans lien"])
    }

    @Test("An entry keeps its id when the feed is rewritten for a later period")
    func stableIDs() throws {
        let directory = try TemporaryDirectory()
        let writer = DigestWriter(root: directory.url)
        let url = directory.url.appendingPathComponent("xr.atom")
        _ = try writer.write(digest(period: "2026-11-25", [entry("Un", score: 1), DigestEntry(title: "Sans lien", source: "S", score: 1)]))
        let before = try AtomReader.read(url).entries.map(\.id)
        _ = try writer.write(digest(period: "2026-11-26", [entry("Deux", score: 1)]))
        let after = try AtomReader.read(url).entries.map(\.id)
        #expect(after.count == 3)
        #expect(Array(after.dropFirst()) == before)
    }

    @Test("A damaged digest of an earlier period is left out of the feed")
    func damagedEarlierDigest() throws {
        let directory = try TemporaryDirectory()
        let earlier = directory.url.appendingPathComponent("2026-11-25")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: earlier.appendingPathComponent("xr.json"))
        _ = try DigestWriter(root: directory.url).write(digest([entry("Un", score: 1)]))
        let feed = try AtomReader.read(directory.url.appendingPathComponent("xr.atom"))
        #expect(feed.entries.map(\.title) == ["Un"])
    }
}
