import Model

/// Draws a ``MatchTrend`` as HTML: one row per topic (after one for all matches) with its name, a bar chart
/// of its days as inline SVG, and its sum.
///
/// It reads without colour and without the chart: the name and the sum are text, the chart is an image
/// whose accessible name states the sum, the dates and the busiest day's count, and each bar carries its
/// day and count as a `<title>` (a tooltip). Bars are drawn in the text colour (`currentColor`), scaled to
/// the row's busiest day, and a day without a match is a thin mark, so the 30 days stay visible. Nothing
/// is fetched and nothing runs; every name is escaped.
enum TrendChart {
    /// Width of a day in SVG units, and of its bar.
    private static let step = 4, barWidth = 3
    /// Height of the chart in SVG units.
    private static let height = 24

    /// The chart as a section with its heading, or nothing without days.
    static func render(_ trend: MatchTrend, labels: DigestLabels, headingLevel: Int = 2) -> String {
        guard let first = trend.days.first, let last = trend.days.last else { return "" }
        let span = labels.span(labels.period(first.description), labels.period(last.description))
        var html = "<section class=\"trend\">\n"
        html += "<h\(headingLevel) class=\"trend-title\">\(MarkupText.escape(labels.trendHeading(trend.days.count)))</h\(headingLevel)>\n"
        html += "<table class=\"trend\">\n"
        html += row(trend.total, name: labels.allTopics, days: trend.days, span: span, labels: labels, isTotal: true)
        for series in trend.topics {
            var name = UntrustedText.plain(series.name)
            if name.isEmpty { name = labels.untitled }
            html += row(series, name: name, days: trend.days, span: span, labels: labels, isTotal: false)
        }
        return html + "</table>\n</section>\n"
    }

    private static func row(
        _ series: MatchTrend.Series, name: String, days: [DigestPeriod], span: String, labels: DigestLabels, isTotal: Bool
    ) -> String {
        let peak = series.counts.max() ?? 0
        let summary = name + labels.colon + labels.matches(series.sum) + " " + span + (peak > 0 ? ", " + labels.peak(peak) : "")
        var html = "<tr\(isTotal ? " class=\"all\"" : "")><th scope=\"row\">\(MarkupText.escape(name))</th><td class=\"chart\">"
        html += "<svg class=\"spark\" viewBox=\"0 0 \(days.count * step) \(height)\" preserveAspectRatio=\"none\" role=\"img\""
        html += " aria-label=\"\(MarkupText.escape(summary))\" xmlns=\"http://www.w3.org/2000/svg\">"
        html += "<title>\(MarkupText.escape(summary))</title>"
        for (index, day) in days.enumerated() {
            let count = index < series.counts.count ? series.counts[index] : 0
            let barHeight = count == 0 || peak == 0 ? 1 : max(2, (count * height + peak / 2) / peak)
            html += "<rect x=\"\(index * step)\" y=\"\(height - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\""
            html += count == 0 ? " class=\"zero\">" : ">"
            html += "<title>\(MarkupText.escape(labels.period(day.description) + labels.colon + "\(count)"))</title></rect>"
        }
        html += "</svg></td><td class=\"sum\">\(series.sum)</td></tr>\n"
        return html
    }
}
