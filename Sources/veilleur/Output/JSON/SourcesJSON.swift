import Foundation
import Model
import Scheduling
import Storage

/// `sources list --json`: every configured source with its health, for scripts and monitoring.
///
/// Shape, version `veilleur.sources/1` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.sources/1",
///  "sources": [
///    {"name": "lemonde-economie", "url": "https://…", "kind": "feed" | "page", "tags": ["presse"],
///     "interval_seconds": 1800,
///     "status": "ok" | "unchanged" | "failed" | null,
///     "last_fetch": "2026-11-26T06:00:00Z" | null, "last_success": "…" | null,
///     "consecutive_failures": 0, "next_due": "…" | null, "last_error": "HTTP 500" | null,
///     "current_interval_seconds": 5400, "items_per_day": 12.5 | null,
///     "effective_url": "https://…" | null}
///  ],
///  "configured": 2000, "failing": 15}
/// ```
/// Sources are in configuration order; `status` is null, like the dates, until the source is first fetched
/// (before any crawl, the whole list). `url` has its credentials masked as `***`; `last_error` is null
/// once a fetch succeeds. Dates are ISO 8601 in UTC. `interval_seconds` is the configured (starting)
/// interval; `current_interval_seconds` the one the scheduler adapted it to (the starting one within
/// `fetch.min_interval`…`fetch.max_interval` until the first successful fetch), and `items_per_day` the
/// smoothed rate of new items it follows, null until two successful fetches. `effective_url` is where the
/// source has moved for good (a chain of 301/308 redirects) and is fetched from, or for a `discover`
/// source the feed its page announces, null while that is `url`.
/// `kind` is the source's kind as configured; a page that robots.txt keeps from being fetched is `failed`
/// with a `last_error` starting "disallowed by robots.txt". These four fields were added to version 1:
/// readers of the earlier fields are unaffected.
struct SourcesJSON {
    static let schema = "veilleur.sources/1"

    var configured: [Source]
    var states: [String: SourceState]
    var adaptive: AdaptiveInterval

    var value: JSONValue {
        let rows = configured.map { source -> JSONValue in
            let state = states[source.name]
            return .object([
                ("name", .string(source.name)),
                ("url", .string(URLRedaction.redacted(source.url))),
                ("kind", .string(source.kind.rawValue)),
                ("tags", .array(source.tags.map(JSONValue.string))),
                ("interval_seconds", .integer(Int(source.interval))),
                ("status", .optional(state?.lastStatus)),
                ("last_fetch", .date(state?.lastFetchAt)),
                ("last_success", .date(state?.lastSuccessAt)),
                ("consecutive_failures", .integer(state?.consecutiveFailures ?? 0)),
                ("next_due", .date(state?.nextDueAt)),
                ("last_error", .optional(state?.lastError)),
                ("current_interval_seconds", .integer(Int(Self.currentInterval(of: source, state: state, adaptive: adaptive)))),
                ("items_per_day", state?.itemsPerDay.map(JSONValue.measure) ?? .null),
                ("effective_url", .optional(Self.movedURL(of: source, state: state))),
            ])
        }
        let failing = configured.filter { (states[$0.name]?.consecutiveFailures ?? 0) > 0 }.count
        return .object([
            ("schema", .string(Self.schema)),
            ("sources", .array(rows)),
            ("configured", .integer(configured.count)),
            ("failing", .integer(failing)),
        ])
    }

    /// Where `source` has moved and is fetched from, masked like its URL; nil while it is fetched from its URL.
    static func movedURL(of source: Source, state: SourceState?) -> String? {
        guard let fetched = state?.fetchURL(configured: source.url), fetched != source.url else { return nil }
        return URLRedaction.redacted(fetched)
    }

    /// The interval `source` is fetched at now: as the scheduler stored it, or its configured one within bounds
    /// before its first successful fetch.
    static func currentInterval(of source: Source, state: SourceState?, adaptive: AdaptiveInterval) -> TimeInterval {
        state?.interval
            ?? adaptive.overriding(minimum: source.minInterval, maximum: source.maxInterval).initial(source.interval).interval
    }
}
