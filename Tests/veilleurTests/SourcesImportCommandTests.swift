import Foundation
import Testing

/// `veilleur sources import` and `sources export` run as a person runs them, on the built binary.
@Suite struct SourcesImportCommandTests {
    static let existing = """
        # Sources de la veille mer
        sources:
            # Pôle de compétitivité
            - name: pole-mer    # le pôle
              url: https://example.org/feed.xml
              tags: [mer]

        # à compléter

        """

    /// A Feedly-style export: a feed already configured (other case, trailing slash), one listed twice,
    /// a `javascript:` URL, a title full of characters a terminal acts on, and a name that collides.
    static let opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0">
          <head><title>Feedly</title></head>
          <body>
            <outline text="Énergie" title="Énergie">
              <outline type="rss" text="Pole Mer" title="Pole Mer" xmlUrl="HTTPS://Example.org/feed.xml/"/>
              <outline type="rss" text="Le Monde - Planète" title="Le Monde - Planète" xmlUrl="https://www.lemonde.fr/planete/rss_full.xml"/>
              <outline type="rss" text="x" title="Evil\u{9D}31m\u{202E}title" xmlUrl="javascript:alert(1)"/>
            </outline>
            <outline type="rss" text="Planète again" title="Le Monde - Planète" xmlUrl="https://www.lemonde.fr/planete/rss_full.xml"/>
            <outline type="rss" text="Pôle Mer" xmlUrl="https://other.example/rss"/>
          </body>
        </opml>
        """

    /// A configuration folder with `sources.yaml` (when given) and an empty `profiles/`.
    static func config(in folder: borrowing TemporaryFolder, sources: String?) throws -> URL {
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        if let sources { _ = try folder.file("config/sources.yaml", Array(sources.utf8)) }
        return config
    }

    @Test("import appends the new feeds after the untouched text, lists what it skipped and why, and check accepts the result")
    func importsAndReports() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, sources: Self.existing)
        let file = try folder.file("feedly.opml", Array(Self.opml.utf8))
        let result = try CommandRunner.run(["sources", "import", file.path, "--config", config.path, "--tag", "Import"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            skipped "Pole Mer" (line 6): already configured as 'pole-mer'
            skipped "Evil\\u009d31m\\u202etitle" (line 8): unsupported URL scheme 'javascript'; expected http or https
            skipped "Le Monde - Planète" (line 10): same URL as line 7
            + le-monde-planete  https://www.lemonde.fr/planete/rss_full.xml  [energie, import]
            + pole-mer-2  https://other.example/rss  [import]
            2 sources imported into \(config.path)/sources.yaml, 3 skipped

            """)
        #expect(!HostileCharacters.occurWithinLines(of: result.stdout))
        let written = try String(contentsOf: config.appendingPathComponent("sources.yaml"), encoding: .utf8)
        #expect(written.hasPrefix(Self.existing))
        let today = Date().formatted(.iso8601.year().month().day())
        #expect(String(written.dropFirst(Self.existing.count)) == """
                # imported from feedly.opml on \(today)
                - name: le-monde-planete
                  url: "https://www.lemonde.fr/planete/rss_full.xml"
                  tags: [energie, import]
                - name: pole-mer-2
                  url: "https://other.example/rss"
                  tags: [import]

            """)
        let check = try CommandRunner.run(["check", "--config", config.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("a file with nothing new changes nothing and says so")
    func nothingNew() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, sources: Self.existing)
        let file = try folder.file("a.opml", Array(#"<opml><body><outline text="p" xmlUrl="https://example.org/feed.xml"/></body></opml>"#.utf8))
        let result = try CommandRunner.run(["sources", "import", file.path, "--config", config.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("nothing imported from \(file.path): 1 feed read, 1 skipped\n"), "\(result.stdout)")
        #expect(try String(contentsOf: config.appendingPathComponent("sources.yaml"), encoding: .utf8) == Self.existing)
    }

    @Test("an unreadable or non-OPML file exits 1 with one line saying what to do")
    func unreadableFile() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, sources: Self.existing)
        let missing = try CommandRunner.run(["sources", "import", folder.url.appendingPathComponent("none.opml").path, "--config", config.path])
        #expect(missing.status == 1)
        #expect(missing.stderr == "veilleur: \(folder.url.path)/none.opml does not exist\n")
        let rss = try folder.file("feed.opml", Array("<rss version=\"2.0\"><channel/></rss>".utf8))
        let notOPML = try CommandRunner.run(["sources", "import", rss.path, "--config", config.path])
        #expect(notOPML.status == 1)
        #expect(notOPML.stderr == "veilleur: \(rss.path):1: the root element is <rss>, not <opml> — export the subscriptions from the feed reader again as OPML\n")
    }

    @Test("an invalid configuration, a missing folder or a list written inline exits 2 and leaves sources.yaml as it was")
    func configurationProblems() throws {
        let folder = try TemporaryFolder()
        let file = try folder.file("feedly.opml", Array(Self.opml.utf8))
        let noFolder = try CommandRunner.run(["sources", "import", file.path, "--config", folder.url.appendingPathComponent("none").path])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.hasPrefix("veilleur: no configuration folder at "), "\(noFolder.stderr)")

        let inline = "sources: [{name: a, url: 'https://a.example/'}]\n"
        let config = try Self.config(in: folder, sources: inline)
        let refused = try CommandRunner.run(["sources", "import", file.path, "--config", config.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("veilleur: sources.yaml:1: the sources list is written on the 'sources:' line;"), "\(refused.stderr)")
        #expect(try String(contentsOf: config.appendingPathComponent("sources.yaml"), encoding: .utf8) == inline)

        _ = try folder.file("config/sources.yaml", Array("sources:\n  - name: a\n    url: ftp://a.example/\n".utf8))
        let invalid = try CommandRunner.run(["sources", "import", file.path, "--config", config.path])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("unsupported URL scheme 'ftp'"), "\(invalid.stderr)")
    }

    @Test("a --tag without a letter or digit is a usage error")
    func badTag() throws {
        let result = try CommandRunner.run(["sources", "import", "x.opml", "--tag", "!!"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("veilleur: --tag '!!' holds no letter or digit"), "\(result.stderr)")
    }

    @Test("on a terminal, import draws done/total feeds with new and skipped counts; --quiet draws nothing")
    func progressLine() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, sources: Self.existing)
        let file = try folder.file("feedly.opml", Array(Self.opml.utf8))
        let quiet = try PseudoTerminal.run(["sources", "import", file.path, "--config", config.path, "--quiet"])
        #expect(quiet.status == 0)
        #expect(TerminalProgressTests.frames(in: quiet.terminal).isEmpty, "\(quiet.terminal.debugDescription)")
        _ = try folder.file("config/sources.yaml", Array(Self.existing.utf8))
        let shown = try PseudoTerminal.run(["sources", "import", file.path, "--config", config.path])
        #expect(shown.status == 0)
        let frames = TerminalProgressTests.frames(in: shown.terminal)
        #expect(frames.first?.contains("import") == true, "\(frames)")
        #expect(frames.last?.contains("5/5 feeds (100%) · 2 new · ") == true, "\(frames)")
        #expect(frames.last?.contains("3 skipped") == true, "\(frames)")
    }
}
