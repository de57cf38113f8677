import Foundation

/// A feed and a profile whose scores are easy to follow, for backtests: each term is found once, in the
/// title (boost 3) or the summary (boost 1.5), and every topic weighs 1 until a test changes it.
enum BacktestFixtures {
    /// The items in stored order, with their points for ``profile`` as first written (min_score 2):
    /// `a` 6, `b` 4.5, `c` 3, `d` 0 (a battery), `e` 0, `f` 3 (a subsidy), `g` 3 (a battery in its summary).
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Veille</title><link>http://example.org/</link>
        \(item("a", "Hydrogène et électrolyseur à Dunkerque"))
        \(item("b", "Hydrogène à Lyon", summary: "Un salon pour l'export."))
        \(item("c", "Le vin à l'export"))
        \(item("d", "Une batterie au sodium"))
        \(item("e", "Météo du week-end"))
        \(item("f", "Subvention pour l'hydrogène"))
        \(item("g", "Électrolyseur en panne", summary: "Une batterie de tests."))
        </channel></rss>
        """

    /// An older feed of another source: one item the profile alerts.
    static let archiveRSS = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Archives</title><link>http://example.org/archives/</link>
        \(item("z", "Archives : l'électrolyseur de 1990"))
        </channel></rss>
        """

    private static func item(_ guid: String, _ title: String, summary: String? = nil) -> String {
        let description = summary.map { "<description>\($0)</description>" } ?? ""
        return "<item><title>\(title)</title><link>http://example.org/\(guid)</link><guid>\(guid)</guid>\(description)</item>"
    }

    /// The profile `veille`, as first written when called without arguments.
    static func profile(
        hydrogenKeywords: String = "[hydrogène, électrolyseur]", exportWeight: Double = 1, exclusions: String = "[]"
    ) -> String {
        """
        name: "Veille hydrogène"
        kind: filière
        min_score: 2
        topics:
          - name: Hydrogène
            weight: 1
            keywords: \(hydrogenKeywords)
          - name: Export
            weight: \(exportWeight)
            keywords: [export]
        exclude: \(exclusions)
        """
    }

    static func sources(base: String, archive: Bool = false) -> String {
        var text = """
            sources:
              - name: veille
                url: \(base)/veille.xml

            """
        if archive { text += "  - name: archive\n    url: \(base)/archive.xml\n" }
        return text
    }
}
