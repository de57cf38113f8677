import Foundation
import Testing
@testable import veilleur

/// `sources list` shows the interval each source is fetched at now and the rate it follows.
@Suite struct SourcesListTests {
    @Test(
        "an interval reads in its two largest units",
        arguments: [(300.0, "5m"), (5400, "1h30m"), (3601, "1h"), (86_400, "1d"), (93_784, "1d2h"), (45, "45s"), (0, "0s")])
    func intervalText(seconds: TimeInterval, expected: String) {
        #expect(IntervalText.compact(seconds) == expected)
    }

    @Test("before any crawl, each source shows its kind, its configured interval within bounds and no rate yet")
    func beforeAnyCrawl() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try """
            sources:
              - name: rapide
                url: https://example.org/feed
                interval: 1m
              - name: reguliere
                url: https://example.org/other
                interval: 90m
              - name: agenda
                url: https://example.org/agenda/
                kind: page
            """.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let state = folder.url.appendingPathComponent("state").path

        let table = try CommandRunner.run(["sources", "list", "--config", config.path, "--state", state])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.first?.prefix(5) == ["SOURCE", "KIND", "STATUS", "INTERVAL", "ITEMS/DAY"])
        #expect(lines.contains { $0.first == "rapide" && $0.dropFirst().first == "feed" && $0.contains("5m") && $0.contains("-") }, "\(table.stdout)")
        #expect(lines.contains { $0.first == "agenda" && $0.dropFirst().first == "page" }, "\(table.stdout)")
        #expect(lines.contains { $0.first == "reguliere" && $0.contains("1h30m") }, "\(table.stdout)")

        let json = try CommandRunner.run(["sources", "list", "--json", "--config", config.path, "--state", state])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""current_interval_seconds":300,"items_per_day":null"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""name":"agenda","url":"https://example.org/agenda/","kind":"page""#), "\(json.stdout)")
    }
}
