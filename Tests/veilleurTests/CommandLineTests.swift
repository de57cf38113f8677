import Foundation
import Testing

/// The command-line contract that scripts outside the repository rely on.
@Suite struct CommandLineTests {
    @Test func checkAcceptsTheExampleConfiguration() throws {
        let result = try CommandRunner.run(["check", "--config", "config"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("4 profiles"))
    }

    @Test("the YAML library's encoding variable neither changes how the configuration reads nor writes to standard output")
    func yamlEncodingVariableIsIgnored() throws {
        let plain = try CommandRunner.run(["check", "--config", "config"])
        let variable = try CommandRunner.run(
            ["check", "--config", "config"], environment: CommandRunner.plainEnvironment(adding: ["YAMS_DEFAULT_ENCODING": "UTF16"]))
        #expect(variable.status == 0, "\(variable.stderr)")
        #expect(variable.stdout == plain.stdout)
        #expect(!variable.stdout.contains("YAMS_DEFAULT_ENCODING"))
    }

    @Test func checkNamesEachMistakeWithFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try "sources:\n  - name: a\n    url: ftp://example.org/feed\n".write(
            to: folder.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        try "name: x\nkind: cluster\ntopcs: []\n".write(
            to: folder.appendingPathComponent("profiles/x.yaml"), atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["check", "--config", folder.path])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix(folder.appendingPathComponent("sources.yaml").path + ":3:") })
        #expect(lines.contains { $0.hasPrefix(folder.appendingPathComponent("profiles/x.yaml").path + ":3:1:") && $0.contains("topics") })
    }

    @Test("check accepts a page that ignores robots.txt but warns about it, and only about it")
    func checkWarnsAboutIgnoredRobots() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try """
            sources:
              - {name: obeit, url: "https://example.org/a", kind: page}
              - {name: ignore, url: "https://example.org/b", kind: page, robots: ignore}
            """.write(to: folder.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        try "name: x\nkind: cluster\ntopics:\n  - name: t\n    keywords: [hydrogène]\n".write(
            to: folder.appendingPathComponent("profiles/x.yaml"), atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["check", "--config", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("robots") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("ignore") == true && warnings.first?.contains("obeit") == false)
    }

    @Test func parsePrintsOneJSONObjectPerItemWithTheContractKeysInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let feed = folder.appendingPathComponent("feed.xml")
        try """
            <rss version="2.0"><channel><title>Flux</title>
            <item><title>Un &amp; deux</title><link>http://example.org/1</link><guid>g1</guid>
            <pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Texte &lt;b&gt;gras&lt;/b&gt;&lt;/p&gt;</description>
            <category>A</category></item>
            <item><title>Sans date</title></item>
            </channel></rss>
            """.write(to: feed, atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["parse", feed.path, "--jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == #"{"feed_title":"Flux","title":"Un & deux","link":"http://example.org/1","id":"g1","published":"2026-11-25T08:00:00Z","updated":null,"author":null,"summary_text":"Texte gras","content_text":null,"categories":["A"]}"#)
    }

    @Test func matchScoresItemsAgainstTheExampleProfiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let items = folder.appendingPathComponent("items.jsonl")
        try """
            {"title":"Hydrogène vert : un appel d'offres pour des électrolyseurs","link":"http://example.org/h2","id":"h2","summary_text":"Marché public ouvert aux PME.","categories":[]}
            {"title":"Recette de saison","link":"http://example.org/tarte","id":"tarte","categories":[]}
            """.write(to: items, atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["match", "--config", "config", "--items", items.path])
        #expect(result.status == 0, "\(result.stderr)")
        let matches = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(matches.contains { $0["profile"] as? String == "filiere-hydrogene" && $0["id"] as? String == "h2" })
        #expect(!matches.contains { $0["id"] as? String == "tarte" })
    }

    @Test("match reads items from lines ending in CR LF as from lines ending in LF")
    func matchReadsLinesEndingInCarriageReturnLineFeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let items = folder.appendingPathComponent("items.jsonl")
        try "{\"title\":\"Hydrogène vert\",\"id\":\"h1\"}\r\n{\"title\":\"Électrolyseurs et hydrogène\",\"id\":\"h2\"}\r\n"
            .write(to: items, atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["match", "--config", "config", "--items", items.path])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try result.stdout.split(separator: "\n").compactMap {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String
        }
        #expect(Set(ids) == ["h1", "h2"])
    }

    @Test func digestRefusesADayThatDoesNotExist() throws {
        let result = try CommandRunner.run(["digest", "--config", "config", "--state", "/nonexistent", "--date", "2026-02-30"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--date must be a day such as 2026-11-26 or a week such as 2026-W48, not '2026-02-30'"))
    }

    @Test("digest refuses a day after today, writes nothing and exits nonzero")
    func digestRefusesADayAfterToday() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try CommandRunner.run(["digest", "--config", "config", "--state", state.path, "--date", "9999-12-31"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--date 9999-12-31 is after today"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("digests/9999-12-31").path))
    }

    @Test("digest refuses a day before anything was stored, and with nothing stored accepts only today")
    func digestRefusesADayBeforeTheFirstItem() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try CommandRunner.run(["digest", "--config", "config", "--state", state.path, "--date", "2000-01-01"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--date 2000-01-01: nothing is stored yet"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("digests/2000-01-01").path))
    }

    @Test func theDemoRunsTheWholePipelineOffline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["demo", "--directory", folder.path, "--log-level", "error"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("first crawl:  sources: 4 fetched, 0 unchanged, 1 failed"))
        #expect(result.stdout.contains("second crawl: sources: 0 fetched, 4 unchanged, 1 failed; 0 new items, 0 new matches"))
        let digests = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasSuffix(".md") }
        #expect(digests.count == 4)
        let filiere = try #require(digests.first { $0.hasSuffix("filiere-demo.md") })
        let markdown = try String(contentsOfFile: filiere, encoding: .utf8)
        #expect(markdown.contains("appel d"))
        #expect(!markdown.contains("Nécrologie"))

        let health = try CommandRunner.run([
            "sources", "list", "--config", folder.appendingPathComponent("config").path,
            "--state", folder.appendingPathComponent("state").path,
        ])
        #expect(health.status == 0, "\(health.stderr)")
        let lines = health.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("injoignable") && $0.contains("failed") && $0.contains("connection failed") })
        #expect(lines.contains { $0.hasPrefix("industrie") && $0.contains("unchanged") })
        #expect(lines.last == "5 sources, 1 failing")

        let status = try CommandRunner.run([
            "status", "--config", folder.appendingPathComponent("config").path,
            "--state", folder.appendingPathComponent("state").path,
        ])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("sources: 5 configured, 4 ok, 1 failing"))
        #expect(status.stdout.contains("13 new items, 14 new matches"))
        #expect(status.stdout.contains("stored: 13 items; 0 matches wait for the next digest"))

        func explain(_ item: String) throws -> CommandRunner.Result {
            try CommandRunner.run([
                "explain", "--config", folder.appendingPathComponent("config").path,
                "--state", folder.appendingPathComponent("state").path, "--profile", "filiere-demo", item,
            ])
        }
        let alerted = try explain("demo-industrie-002")
        #expect(alerted.status == 0, "\(alerted.stderr)")
        #expect(alerted.stdout.contains("Team France Export   title    1     1.50    3.00   1.00  4.50    any\n"))
        #expect(alerted.stdout.contains("salon international  title    1     1.50    3.00   1.00  4.50    phrases\n"))
        #expect(alerted.stdout.contains("threshold 20.00 (min_score 1.50 in points)"))
        #expect(alerted.stdout.contains("sum 28.50 × source weight 1.00 × recency 1.00 = points 28.50"))
        #expect(alerted.stdout.contains("reference 6.00 (the strongest term once in its best field) = 82.61"))
        #expect(alerted.stdout.hasSuffix("alerted: 82.61 ≥ 20.00\n"))
        let excluded = try explain("demo-industrie-005")
        #expect(excluded.stdout.contains("not alerted: the exclusion 'nécrologie' is in the item"))
        #expect(try explain("no-such-item").status != 0)
    }
}
