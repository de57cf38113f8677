import Foundation
import Testing

/// Small feeds and a profile whose scores are easy to reason about.
enum Fixtures {
    /// `veilleur.yaml` for sources all served by one loopback host, which needs no delay between requests.
    static let noHostDelay = "fetch:\n  min_host_delay: 0s\n"

    /// Three items: one strong (terms in the title), one weak (a term in the summary), one excluded.
    static let newsRSS = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Actualités</title><link>http://example.org/</link>
        <item><title>Économie circulaire : l'usine recycle 90 % de ses déchets</title>
          <link>http://example.org/a/usine?utm_source=rss</link><guid>news-1</guid>
          <pubDate>Wed, 25 Nov 2026 08:00:00 +0100</pubDate>
          <description>Un modèle pour l'industrie.</description></item>
        <item><title>Rencontre régionale</title>
          <link>http://example.org/a/rencontre</link><guid>news-2</guid>
          <pubDate>Wed, 25 Nov 2026 09:00:00 +0100</pubDate>
          <description>Les élus ont parlé d'économie circulaire.</description></item>
        <item><title>Offre d'emploi : technicien en économie circulaire</title>
          <link>http://example.org/a/emploi</link><guid>news-3</guid>
          <pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate></item>
        </channel></rss>
        """

    /// The same article as `news-1`, syndicated under another GUID with other tracking parameters.
    static let partnerAtom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Partenaire</title><id>urn:partner</id>
        <updated>2026-11-25T12:00:00Z</updated>
        <entry><title>Économie circulaire : l'usine recycle</title>
          <link href="http://example.org/a/usine?utm_medium=atom"/><id>urn:partner:1</id>
          <updated>2026-11-25T12:00:00Z</updated></entry>
        <entry><title>Les déchets du BTP, une ressource</title>
          <link href="http://example.org/b/btp"/><id>urn:partner:2</id>
          <updated>2026-11-25T11:00:00Z</updated><summary>Recyclage et économie circulaire sur les chantiers.</summary></entry>
        </feed>
        """

    static let profile = """
        name: "Test — économie circulaire"
        kind: territoire
        min_score: 1
        topics:
          - name: Économie circulaire
            weight: 2
            keywords: ["économie circulaire", recyclage]
        exclude: ["offre d'emploi"]
        """

    static func sources(base: String) -> String {
        """
        sources:
          - name: news
            url: \(base)/news.xml
            interval: 15m
          - name: partner
            url: \(base)/partner.atom
            interval: 15m
        """
    }
}

/// The `items` of a JSON digest file; a file without them fails the test.
func digestItems(_ file: URL) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    return try #require(object?["items"] as? [[String: Any]])
}
