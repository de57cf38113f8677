import Configuration
import Foundation
import Model
import Testing

@Suite struct SourcesExportCommandTests {
    static let sources = """
        sources:
          - name: pole-mer
            url: https://example.org/feed.xml
            tags: [mer, energie]
          - name: prive
            url: https://user:secret@private.example/rss?token=abcd1234&x=1
            headers:
              Authorization: Bearer abc
          - name: gazette
            url: http://example.com/rss
            tags: [presse]
        """

    @Test("export then import into an empty folder gives the same sources, credentials included")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let from = try SourcesImportCommandTests.config(in: folder, sources: Self.sources)
        let export = try CommandRunner.run(["sources", "export", "--config", from.path])
        #expect(export.status == 0)
        #expect(export.stderr == "veilleur: 1 source(s) send HTTP headers, which OPML cannot carry — set them again in the reader that imports the list\n")
        let file = try folder.file("export.opml", Array(export.stdout.utf8))
        let to = folder.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: to.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        let imported = try CommandRunner.run(["sources", "import", file.path, "--config", to.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stdout.contains("secret"), "what is printed masks credentials: \(imported.stdout)")

        func described(_ directory: URL) throws -> [String] {
            try Configuration.load(directory: directory).sources
                .map { "\($0.name) \($0.url) \($0.tags)" }.sorted()
        }
        #expect(try described(to) == described(from))
    }

    @Test("--mask-credentials replaces user info and credential parameters with ***")
    func maskedCredentials() throws {
        let folder = try TemporaryFolder()
        let config = try SourcesImportCommandTests.config(in: folder, sources: Self.sources)
        let plain = try CommandRunner.run(["sources", "export", "--config", config.path])
        #expect(plain.stdout.contains(#"xmlUrl="https://user:secret@private.example/rss?token=abcd1234&amp;x=1""#))
        let masked = try CommandRunner.run(["sources", "export", "--config", config.path, "--mask-credentials"])
        #expect(masked.status == 0)
        #expect(!masked.stdout.contains("secret") && !masked.stdout.contains("abcd1234"), "\(masked.stdout)")
        #expect(masked.stdout.contains(#"xmlUrl="https://***@private.example/rss?token=***&amp;x=1""#), "\(masked.stdout)")
    }

    @Test("page sources are left out of the OPML, which lists feeds, and the count left out is said")
    func pagesAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let config = try SourcesImportCommandTests.config(in: folder, sources: """
            sources:
              - name: gazette
                url: http://example.com/rss
              - name: agenda
                url: http://example.com/agenda/
                kind: page
            """)
        let export = try CommandRunner.run(["sources", "export", "--config", config.path])
        #expect(export.status == 0)
        #expect(export.stdout.contains(#"xmlUrl="http://example.com/rss""#))
        #expect(!export.stdout.contains("agenda"), "\(export.stdout)")
        #expect(export.stderr == "veilleur: 1 page source(s) left out — OPML lists feeds, and a reader cannot subscribe to a page\n")
    }

    @Test("an invalid configuration exits 2 and prints no OPML")
    func invalidConfiguration() throws {
        let folder = try TemporaryFolder()
        let config = try SourcesImportCommandTests.config(in: folder, sources: "sources:\n  - name: a\n")
        let result = try CommandRunner.run(["sources", "export", "--config", config.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
