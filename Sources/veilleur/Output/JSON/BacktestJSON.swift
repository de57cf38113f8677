import Configuration
import Daemon
import Matching
import Model

/// `backtest --json`: what a profile as it is now would have alerted in a window of stored items, against
/// what it alerted, for scripts.
///
/// Shape, version `veilleur.backtest/1` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.backtest/1",
///  "profile": {"id": "filiere-hydrogene", "name": "…", "threshold": 40, "min_score": 2 | null},
///  "since": "2026-10-27T06:00:00Z",    // items first stored at or after this were replayed
///  "replayed": 12345,
///  "skipped": 12, "skipped_sources": ["ancienne-source"],
///  "alerted_then": 310, "alerted_now": 342, "unchanged": 280,
///  "added": [ITEM], "removed": [ITEM], "reranked": [ITEM]}
/// ```
/// where each ITEM is
/// ```
/// {"id": 42, "source": "usine-nouvelle", "title": "…" | null, "link": "…" | null,
///  "first_seen": "2026-11-20T07:12:00Z",
///  "score_then": 6 | null, "score_now": 9 | null, "rank_then": 12 | null, "rank_now": 3 | null}
/// ```
/// Scores and `threshold` are on the profile's 0–100 scale (`docs/scoring.md`); `min_score` is the raw
/// threshold it comes from when the profile sets one. `skipped` items are those of `skipped_sources`, sources no longer configured, left out of both sides.
/// `added` (alerted now, not then) is ordered by `rank_now`, `removed` (then, not now) by `rank_then`,
/// `reranked` (both, with another score) by `rank_now`; `unchanged` counts the items alerted both with
/// the same score, so `alerted_then = unchanged + reranked + removed` and `alerted_now = unchanged +
/// reranked + added`. A rank is the place among the window's alerts (then, or now) by score, highest
/// first, ties by `id`. Every item of each list is given. `id` is the row id `veilleur explain` takes.
/// Scores are rounded to three decimals; dates are ISO 8601 in UTC; text from feeds is escaped as in
/// every JSON output of veilleur.
struct BacktestJSON {
    static let schema = "veilleur.backtest/1"

    var profile: Profile
    var report: BacktestReport

    var value: JSONValue {
        .object([
            ("schema", .string(Self.schema)),
            ("profile", .object([
                ("id", .string(profile.id)), ("name", .string(profile.name)),
                ("threshold", .measure(ScoreScale(profile).threshold)),
                ("min_score", profile.threshold == nil ? .measure(profile.minScore) : .null),
            ])),
            ("since", .date(report.since)),
            ("replayed", .integer(report.replayed)),
            ("skipped", .integer(report.skipped)),
            ("skipped_sources", .array(report.skippedSources.map(JSONValue.string))),
            ("alerted_then", .integer(report.alertedThen)),
            ("alerted_now", .integer(report.alertedNow)),
            ("unchanged", .integer(report.unchanged)),
            ("added", .array(report.added.map(Self.item))),
            ("removed", .array(report.removed.map(Self.item))),
            ("reranked", .array(report.reranked.map(Self.item))),
        ])
    }

    static func item(_ item: BacktestItem) -> JSONValue {
        .object([
            ("id", .integer(Int(item.id))),
            ("source", .string(item.source)),
            ("title", .optional(item.title)),
            ("link", .optional(item.link)),
            ("first_seen", .date(item.firstSeenAt)),
            ("score_then", item.scoreThen.map(JSONValue.measure) ?? .null),
            ("score_now", item.scoreNow.map(JSONValue.measure) ?? .null),
            ("rank_then", item.rankThen.map(JSONValue.integer) ?? .null),
            ("rank_now", item.rankNow.map(JSONValue.integer) ?? .null),
        ])
    }
}
