import Daemon
import Foundation

/// `crawl --once --json`: what one pass did, for scripts.
///
/// Shape, version `veilleur.crawl/1` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.crawl/1",
///  "sources": 2000,            // sources in the pass (the due ones, or all with --all)
///  "fetched": 1890, "unchanged": 95, "failed": 15, "disallowed": 2,
///  "new_items": 4211, "new_matches": 310,
///  "started_at": "2026-11-26T06:00:00Z", "finished_at": "2026-11-26T06:01:12Z"}
/// ```
/// `fetched + unchanged + failed` equals `sources` unless the pass was stopped; `disallowed` counts the
/// failed pages that robots.txt kept from being fetched (added to version 1). Dates are ISO 8601 in UTC.
struct CrawlJSON {
    static let schema = "veilleur.crawl/1"

    var summary: CrawlSummary
    var sources: Int
    var startedAt: Date
    var finishedAt: Date

    var value: JSONValue {
        .object([
            ("schema", .string(Self.schema)),
            ("sources", .integer(sources)),
            ("fetched", .integer(summary.fetched)),
            ("unchanged", .integer(summary.unchanged)),
            ("failed", .integer(summary.failed)),
            ("disallowed", .integer(summary.disallowed)),
            ("new_items", .integer(summary.newItems)),
            ("new_matches", .integer(summary.newMatches)),
            ("started_at", .date(startedAt)),
            ("finished_at", .date(finishedAt)),
        ])
    }
}
