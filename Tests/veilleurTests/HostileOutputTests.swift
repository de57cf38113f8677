import Configuration
import Foundation
import Matching
import Model
import Storage
import Testing
@testable import veilleur

/// Feed-supplied text reaches terminals through `parse`, `match`, `explain` and `sources list`:
/// none of them may print a character a terminal would act on.
@Suite struct HostileOutputTests {
    /// One item per character XML lets through, in its title, link, author and category.
    static func hostileFeed() -> [UInt8] {
        let items = HostileCharacters.allowedInXML.map { hostile in
            "<item><title>titre \(hostile) suite</title><link>http://example.org/\(hostile)</link>"
                + "<author>a\(hostile)b</author><category>c\(hostile)d</category><description>x\(hostile)y</description></item>"
        }
        return Array("<rss version=\"2.0\"><channel><title>Flux \u{9B}31m</title>\(items.joined())</channel></rss>".utf8)
    }

    @Test("parse prints feed titles and links with every hostile character escaped")
    func parseEscapesItsLines() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("feed.xml", Self.hostileFeed())
        let result = try CommandRunner.run(["parse", feed.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == HostileCharacters.allowedInXML.count)
        #expect(!HostileCharacters.occurWithinLines(of: result.stdout))
        #expect(lines.first?.contains("titre \\u007f suite") == true)
    }

    @Test("parse --jsonl writes valid JSON with every hostile character escaped")
    func parseJSONLinesEscapeHostileCharacters() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("feed.xml", Self.hostileFeed())
        let result = try CommandRunner.run(["parse", feed.path, "--jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!HostileCharacters.occurWithinLines(of: result.stdout))
        let titles = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["title"] as? String
        }
        #expect(titles.count == HostileCharacters.allowedInXML.count)
        // U+009B is windows-1252's "›" read as Latin-1, and the parser writes it so; U+009D means nothing there and stays.
        #expect(titles.contains("titre \u{9D} suite"))
        #expect(titles.contains("titre \u{202E} suite"))
    }

    @Test("match echoes ids and links with every hostile character escaped")
    func matchEscapesEchoedFields() throws {
        let folder = try TemporaryFolder()
        let lines = HostileCharacters.all.map { hostile in
            JSONValue.object([
                ("title", .string("Hydrogène vert : un appel d'offres pour des électrolyseurs")),
                ("link", .string("http://example.org/\(hostile)")), ("id", .string("id\(hostile)")),
            ]).rendered
        }
        let items = try folder.file("items.jsonl", Array(lines.joined(separator: "\n").utf8))
        let result = try CommandRunner.run(["match", "--config", "config", "--items", items.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(!HostileCharacters.occurWithinLines(of: result.stdout))
    }

    @Test("explain shows a stored item's title, link and source with every hostile character escaped", arguments: HostileCharacters.all)
    func explainEscapesTheItem(hostile: Unicode.Scalar) throws {
        let item = FeedItem(id: "g", title: "Hydrogène \(hostile) vert", link: "http://example.org/\(hostile)")
        let stored = StoredItem(id: 1, source: "source\(hostile)", item: item)
        let profile = Profile(
            id: "p", name: "Profil \(hostile)", kind: .filiere,
            topics: [Topic(name: "H2", terms: [Term(text: "hydrogène")])])
        let evaluation = try #require(Matcher(profiles: [profile]).evaluate(item, source: nil).first)
        let report = ExplainCommand.report(stored: stored, profile: profile, evaluation: evaluation)
        #expect(!HostileCharacters.occurWithinLines(of: report), "\(report)")
        #expect(report.contains("hydrogène"))
    }

    @Test("sources list shows a last error with every hostile character escaped", arguments: HostileCharacters.all)
    func sourcesListEscapesTheLastError(hostile: Unicode.Scalar) {
        let shown = ListSources.oneLine("parse error: 3:1: bad \(hostile) title")
        #expect(!HostileCharacters.occur(in: shown), "\(shown.unicodeScalars.map(\.value))")
        #expect(shown.hasPrefix("parse error: 3:1: bad "))
    }
}
