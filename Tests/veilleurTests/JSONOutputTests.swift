import Foundation
import Testing

/// `--json` answers of `crawl`, `status`, `sources list` and `explain`: one JSON document on standard
/// output, of the shape documented next to its encoder, named by its `schema` key.
@Suite struct JSONOutputTests {
    static let crawlShape = JSONShape.object([
        "schema": .constant("veilleur.crawl/1"),
        "sources": .integer, "fetched": .integer, "unchanged": .integer, "failed": .integer,
        "disallowed": .integer, "new_items": .integer, "new_matches": .integer,
        "started_at": .timestamp, "finished_at": .timestamp,
    ])

    static let statusShape = JSONShape.object([
        "schema": .constant("veilleur.status/1"),
        "state": .string, "database": .string, "database_bytes": .optional(.integer),
        "sources": .object(["configured": .integer, "ok": .integer, "failing": .integer, "never_fetched": .integer]),
        "last_crawl": .optional(.timestamp),
        "today": .object(["day": .string, "time_zone": .string, "new_items": .integer, "new_matches": .integer, "new_alerts": .integer]),
        "alerts": .object(["awaiting_file": .integer, "awaiting_command": .integer, "retrying": .integer, "abandoned_today": .integer]),
        "stored_items": .integer, "pending_matches": .integer,
        "last_digest": .optional(.timestamp), "next_digest": .timestamp,
        "crawl_lag": .object(["overdue_sources": .integer, "most_overdue_seconds": .integer]),
        "failing_longest": .array(.object([
            "name": .string, "last_success": .optional(.timestamp), "consecutive_failures": .integer, "last_error": .optional(.string),
        ])),
        "metrics": .object(["endpoint": .optional(.string), "textfile": .optional(.string)]),
    ])

    static let sourcesShape = JSONShape.object([
        "schema": .constant("veilleur.sources/1"),
        "sources": .array(.object([
            "name": .string, "url": .string, "kind": .oneOf(["feed", "page"]), "tags": .array(.string),
            "interval_seconds": .integer, "status": .optional(.oneOf(["ok", "unchanged", "failed"])),
            "last_fetch": .optional(.timestamp), "last_success": .optional(.timestamp),
            "consecutive_failures": .integer, "next_due": .optional(.timestamp), "last_error": .optional(.string),
            "current_interval_seconds": .integer, "items_per_day": .optional(.number),
            "effective_url": .optional(.string),
        ])),
        "configured": .integer, "failing": .integer,
    ])

    static let explainShape = JSONShape.object([
        "schema": .constant("veilleur.explain/2"),
        "item": .object([
            "id": .integer, "source": .string, "title": .optional(.string), "link": .optional(.string), "guid": .optional(.string),
            "date": .optional(.timestamp), "first_seen": .optional(.timestamp),
        ]),
        "profile": .object(["id": .string, "name": .string, "threshold": .number, "min_score": .optional(.number)]),
        "contributions": .array(.object([
            "topic": .string, "term": .string, "field": .oneOf(["title", "categories", "summary", "content", "source"]),
            "hits": .integer, "weight": .number, "boost": .number, "frequency": .number, "points": .number,
            "list": .oneOf(["any", "phrases", "all"]), "kind": .oneOf(["words", "prefix", "regex", "near"]),
            "within": .optional(.integer), "ordered": .optional(.bool), "vocabulary": .optional(.string),
            "stem": .optional(.bool), "fields": .optional(.array(.string)),
        ])),
        "set_aside": .array(.object([
            "topic": .string, "reason": .oneOf(["excluded_by", "missing", "no_any_term"]), "term": .optional(.string),
        ])),
        "sum": .number, "source_weight": .number, "recency": .number, "points": .number, "reference": .number,
        "score": .number, "threshold": .number, "alerted": .bool,
        "verdict": .oneOf(["alerted", "below_threshold", "no_term", "excluded_term", "excluded_source", "untagged_source"]),
        "excluded_term": .optional(.string),
    ])

    static let backtestItemShape = JSONShape.object([
        "id": .integer, "source": .string, "title": .optional(.string), "link": .optional(.string), "first_seen": .timestamp,
        "score_then": .optional(.number), "score_now": .optional(.number), "rank_then": .optional(.integer), "rank_now": .optional(.integer),
    ])

    static let backtestShape = JSONShape.object([
        "schema": .constant("veilleur.backtest/1"),
        "profile": .object(["id": .string, "name": .string, "threshold": .number, "min_score": .optional(.number)]),
        "since": .timestamp, "replayed": .integer, "skipped": .integer, "skipped_sources": .array(.string),
        "alerted_then": .integer, "alerted_now": .integer, "unchanged": .integer,
        "added": .array(backtestItemShape), "removed": .array(backtestItemShape), "reranked": .array(backtestItemShape),
    ])

    /// Parses `output` as one JSON document on one line and checks it against `shape`.
    static func conforming(_ output: String, to shape: JSONShape) throws -> JSONTree {
        #expect(output.hasSuffix("\n") && output.dropLast().allSatisfy { $0 != "\n" }, "one line: \(output)")
        let tree = try JSONTree.parse(output)
        let problems = shape.problems(in: tree)
        #expect(problems.isEmpty, "\(problems)\n\(output)")
        return tree
    }

    @Test("crawl --json, then status, sources list and explain --json each print one document of their documented shape")
    func everyJSONOutputHasItsShape() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url).path
        let state = folder.url.appendingPathComponent("state").path

        let crawl = try CommandRunner.run(["crawl", "--once", "--all", "--json", "--config", config, "--state", state])
        #expect(crawl.status == 0, "\(crawl.stderr)")
        let summary = try Self.conforming(crawl.stdout, to: Self.crawlShape)
        #expect(summary["sources"]?.number == 6)
        #expect(summary["fetched"]?.number == 5)
        #expect(summary["failed"]?.number == 1)
        #expect(summary["new_items"]?.number == 10)
        #expect(summary["new_matches"]?.number == 5)

        let status = try CommandRunner.run(["status", "--json", "--config", config, "--state", state])
        #expect(status.status == 0, "\(status.stderr)")
        let health = try Self.conforming(status.stdout, to: Self.statusShape)
        #expect(health["sources"]?["failing"]?.number == 1)
        #expect(health["stored_items"]?.number == 10)
        let failing = health["failing_longest"]?.array
        #expect(failing?.map { $0["name"]?.string } == ["en-panne"])
        #expect(failing?.first?["last_success"] == .null, "the broken source never succeeded")
        #expect(failing?.first?["last_error"]?.string?.contains("500") == true)
        #expect(health["metrics"]?["endpoint"] == .null, "no endpoint unless metrics.listen is set")
        #expect(health["metrics"]?["textfile"]?.string?.hasSuffix("state/metrics/veilleur.prom") == true)

        let list = try CommandRunner.run(["sources", "list", "--json", "--config", config, "--state", state])
        #expect(list.status == 0, "\(list.stderr)")
        let sources = try Self.conforming(list.stdout, to: Self.sourcesShape)
        #expect(sources["sources"]?.array?.count == 6)
        let broken = sources["sources"]?.array?.first { $0["name"]?.string == "en-panne" }
        #expect(broken?["status"]?.string == "failed")
        #expect(broken?["last_error"]?.string?.contains("500") == true)

        let explain = try CommandRunner.run(["explain", "--json", "--config", config, "--state", state, "--profile", "veille", "feed-1-1"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let report = try Self.conforming(explain.stdout, to: Self.explainShape)
        #expect(report["verdict"]?.string == "alerted")
        #expect(report["contributions"]?.array?.first?["field"]?.string == "title")
    }

    @Test("status names the next digest of whichever schedule falls due first, a profile's own included")
    func statusNamesTheEarliestSchedule() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let profile = config.appendingPathComponent("profiles/veille.yaml")
        // veilleur.yaml's digest two hours from now, the profile's own one hour from now (UTC): the profile's
        // falls due first whatever the time of day the test runs at.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let hour = { (offset: Int) in utc.component(.hour, from: Date().addingTimeInterval(Double(offset) * 3600)) }
        let settings = config.appendingPathComponent("veilleur.yaml")
        try (String(contentsOf: settings, encoding: .utf8) + "digest: {time: \"\(String(format: "%02d", hour(2))):00\", timezone: UTC}\n")
            .write(to: settings, atomically: true, encoding: .utf8)
        let own = String(format: "%02d:00", hour(1))
        try (String(contentsOf: profile, encoding: .utf8) + "\ndigest: {daily: \"\(own)\", timezone: UTC}\n")
            .write(to: profile, atomically: true, encoding: .utf8)
        let state = folder.url.appendingPathComponent("state").path
        _ = try CommandRunner.run(["crawl", "--once", "--all", "--config", config.path, "--state", state])
        let status = try CommandRunner.run(["status", "--config", config.path, "--state", state])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("(daily \(own) "), "\(status.stdout)")
    }

    @Test("sources list --json before any crawl lists every configured source as never fetched")
    func sourcesBeforeAnyCrawl() throws {
        let folder = try TemporaryFolder()
        let list = try CommandRunner.run(["sources", "list", "--json", "--config", "config", "--state", folder.url.path])
        #expect(list.status == 0, "\(list.stderr)")
        let sources = try Self.conforming(list.stdout, to: Self.sourcesShape)
        #expect(sources["sources"]?.array?.allSatisfy { $0["status"] == .null } == true)
    }

    @Test("a source URL's credentials are masked in sources list --json")
    func credentialsAreMasked() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try "sources:\n  - name: secret\n    url: https://user:hunter2@example.org/feed?token=abc\n".write(
            to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let list = try CommandRunner.run(["sources", "list", "--json", "--config", config.path, "--state", folder.url.appendingPathComponent("state").path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(!list.stdout.contains("hunter2") && !list.stdout.contains("abc"), "\(list.stdout)")
    }

    @Test("backtest --json prints one document of its documented shape, listing every added, removed and re-ranked item")
    func backtestJSONHasItsShape() throws {
        let crawled = try BacktestCommandTests.CrawledState()
        let result = try crawled.backtest(["--json", "--since", "2w"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.conforming(result.stdout, to: Self.backtestShape)
        #expect(report["replayed"]?.number == 10)
        #expect(report["alerted_then"]?.number == 5 && report["alerted_now"]?.number == 8)
        #expect(report["unchanged"]?.number == 0)
        func links(_ key: String) -> Set<String> { Set(report[key]?.array?.compactMap { $0["link"]?.string } ?? []) }
        #expect(links("added") == Set([1, 2, 4, 5].map { "http://example.org/\($0)/2" }))
        #expect(links("removed") == ["http://example.org/3/1"])
        #expect(links("reranked") == Set([1, 2, 4, 5].map { "http://example.org/\($0)/1" }))
        let rerankedRanks = report["reranked"]?.array?.compactMap { $0["rank_now"]?.number } ?? []
        #expect(rerankedRanks == rerankedRanks.sorted(), "by rank now")
        #expect(report["removed"]?.array?.first?["score_now"] == .null)
        // 12 points against a reference of 6 (weight 2 × title 3): x = 2, 100 · 2 / 3.
        #expect(abs((report["removed"]?.array?.first?["score_then"]?.number ?? 0) - 200.0 / 3) < 0.001)
    }
}
