import Daemon
import Foundation
import Logging
import Model
import Testing

/// Three sites publish the same press release under their own links; a digest shows it once.
@Suite struct NearDuplicateEndToEndTests {
    static let release = """
        Lhyfe, producteur d'hydrogène vert et renouvelable, a inauguré ce jeudi à Bouin, en Vendée, son site pilote de \
        production d'hydrogène en mer, raccordé au parc éolien des Deux-Côtes. Le site produira jusqu'à 400 kilogrammes \
        d'hydrogène par jour à partir de l'eau de mer dessalée, sans rejet de dioxyde de carbone. L'investissement atteint \
        50 millions d'euros, financés pour moitié par la Région Pays de la Loire et par Bpifrance. Vingt-cinq emplois \
        directs ont été créés sur le site.
        """
    static let readAlso = " Lire aussi : Saint-Nazaire : le port prépare l'arrivée des éoliennes flottantes ; Pornichet : la saison touristique en hausse."

    static func feed(_ site: String, items: [(guid: String, title: String, description: String, hour: Int)]) -> String {
        let entries = items.map { item in
            """
            <item><title>\(item.title)</title><link>https://\(site).example/\(item.guid)</link><guid>\(site)-\(item.guid)</guid>
              <pubDate>Wed, 25 Nov 2026 \(item.hour):00:00 +0100</pubDate><description>\(item.description)</description></item>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(site)</title><link>https://\(site).example/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }

    static let documents = [
        "/lhyfe.xml": feed("lhyfe", items: [
            ("bouin", "Lhyfe inaugure à Bouin le premier site de production d'hydrogène vert en mer", release, 9),
        ]),
        "/ouest.xml": feed("ouest", items: [
            ("hydrogene-bouin", "LHYFE INAUGURE À BOUIN LE PREMIER SITE DE PRODUCTION D’HYDROGÈNE VERT EN MER !", release + readAlso, 11),
            ("bus-hydrogene", "La Roche-sur-Yon : les bus à hydrogène entrent en service", """
                Les dix premiers bus à hydrogène de l'agglomération de La Roche-sur-Yon ont pris la route lundi sur la ligne 3. \
                Ils se ravitaillent à la station de la zone de Belle-Place, ouverte par le syndicat d'énergie de la Vendée.
                """ + readAlso, 12),
        ]),
        "/presse.xml": feed("presse", items: [
            ("lhyfe", "Hydrogène : Lhyfe inaugure à Bouin le premier site de production en mer",
             "C'est une première mondiale, et elle se joue sur la côte vendéenne. " + release, 10),
        ]),
    ]

    static let profile = """
        name: "Filière hydrogène"
        kind: filière
        min_score: 1
        topics:
          - name: Hydrogène
            weight: 2
            keywords: [hydrogène]
        """

    static func sources(base: String) -> String {
        """
        sources:
          - name: lhyfe
            url: \(base)/lhyfe.xml
          - name: ouest
            url: \(base)/ouest.xml
          - name: presse
            url: \(base)/presse.xml
        """
    }

    /// The JSON items of the day's digest after crawling the three sources one after the other in `order`.
    private func digestItems(crawling order: [String], site: FixtureSite) async throws -> [[String: Any]] {
        let folder = try TemporaryFolder()
        try folder.write(Self.sources(base: site.base), to: "config/sources.yaml")
        try folder.write(Self.profile, to: "config/profiles/h2.yaml")
        try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"))
        let sources = try await pipeline.dueSources(all: true)
        for name in order {
            _ = try await pipeline.crawl(sources.filter { $0.name == name })
        }
        let written = try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let markdown = try String(contentsOf: try #require(written["h2"]?.first { $0.pathExtension == "md" }), encoding: .utf8)
        #expect(markdown.components(separatedBy: "Aussi publié par : ").count == 2, "one entry lists the other copies")
        return try DaemonTests.digestItems(try #require(written["h2"]?.first { $0.pathExtension == "json" }))
    }

    @Test("A release three sites publish is one digest entry listing the two others, whatever order the sources are read in")
    func aReleaseThreeSitesPublishIsOneEntry() async throws {
        let site = try FixtureSite(documents: Self.documents)
        defer { site.stop() }
        let orders = [
            ["lhyfe", "ouest", "presse"], ["lhyfe", "presse", "ouest"], ["ouest", "lhyfe", "presse"],
            ["ouest", "presse", "lhyfe"], ["presse", "lhyfe", "ouest"], ["presse", "ouest", "lhyfe"],
        ]
        var digests: [String] = []
        for order in orders {
            let items = try await digestItems(crawling: order, site: site)
            try #require(items.count == 2, "the release once, and the other story of the same site apart from it")
            let story = try #require(items.first { ($0["also_published_by"] as? [Any])?.isEmpty == false })
            let copies = try #require(story["also_published_by"] as? [[String: Any]])
            let sources = copies.compactMap { $0["source"] as? String } + [story["source"] as? String ?? ""]
            #expect(Set(sources) == ["lhyfe", "ouest", "presse"], "\(order)")
            #expect(copies.allSatisfy { ($0["link"] as? String)?.hasPrefix("https://") == true })
            let other = try #require(items.first { $0["title"] as? String == "La Roche-sur-Yon : les bus à hydrogène entrent en service" })
            #expect((other["also_published_by"] as? [Any])?.isEmpty == true)
            digests.append("\(story["source"] ?? "")|\(story["link"] ?? "")|\(copies.map { "\($0["source"] ?? "")" })")
        }
        #expect(Set(digests).count == 1, "the copy shown and the copies listed do not depend on the order: \(digests)")
    }
}
