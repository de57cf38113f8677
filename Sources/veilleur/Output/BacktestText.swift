import Configuration
import Daemon
import Foundation
import Matching
import Model

/// What `veilleur backtest` prints for a person: a heading, the added, removed and re-ranked items as
/// tables, and a summary as the last line. Every feed-supplied text is escaped for the terminal.
struct BacktestText {
    var profile: Profile
    var report: BacktestReport
    /// Rows shown per table; 0 shows them all.
    var limit: Int

    var rendered: String {
        let safe = TerminalText.escaped
        var lines = [
            "profile \(safe(profile.id)) (\(safe(profile.name))), \(Self.threshold(of: profile)); "
                + "items first stored since \(report.since.formatted(.iso8601))"
        ]
        for (heading, items) in [
            ("added", report.added), ("removed", report.removed), ("re-ranked", report.reranked),
        ] where !items.isEmpty {
            lines.append("")
            lines.append("\(heading) (\(items.count)): \(Self.meaning[heading] ?? "")")
            lines.append(table(items))
        }
        if report.skipped > 0 {
            lines.append("")
            lines.append("\(Self.count(report.skipped, "item")) of sources no longer configured left out: "
                + report.skippedSources.map(safe).joined(separator: ", "))
        }
        lines.append("")
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// `N items replayed; would alert A (was B): +X added, −Y removed, Z re-ranked`.
    var summary: String {
        "\(Self.count(report.replayed, "item")) replayed; would alert \(report.alertedNow) (was \(report.alertedThen)): "
            + "+\(report.added.count) added, −\(report.removed.count) removed, \(report.reranked.count) re-ranked"
    }

    static let meaning = [
        "added": "alerted now, not then",
        "removed": "alerted then, not now",
        "re-ranked": "alerted then and now, with another score",
    ]

    private func table(_ items: [BacktestItem]) -> String {
        let shown = limit > 0 ? Array(items.prefix(limit)) : items
        var rows = [["ITEM", "RANK", "SCORE", "SOURCE", "TITLE"]]
        for item in shown {
            rows.append([
                "\(item.id)",
                "\(item.rankThen.map(String.init) ?? "–") → \(item.rankNow.map(String.init) ?? "–")",
                "\(item.scoreThen.map(Self.score) ?? "–") → \(item.scoreNow.map(Self.score) ?? "–")",
                TerminalText.escaped(item.source),
                TerminalText.escaped(item.title ?? item.link ?? "(no title)"),
            ])
        }
        var text = TextTable(rows: rows).rendered
        if shown.count < items.count {
            text += "\n… and \(items.count - shown.count) more (--limit 0 lists them all)"
        }
        return text
    }

    /// The threshold on the 0–100 scale, and the `min_score` it comes from when the profile gives one.
    static func threshold(of profile: Profile) -> String {
        let threshold = "threshold \(score(ScoreScale(profile).threshold))"
        return profile.threshold == nil ? threshold + " (min_score \(score(profile.minScore)) in points)" : threshold
    }

    static func score(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
