import Foundation
import Model
import Storage

/// A French press release as several sites carry it, and two stories of one agency sharing its footer.
enum Releases {
    static let body = """
        Lhyfe, producteur d'hydrogène vert et renouvelable, a inauguré ce jeudi à Bouin, en Vendée, son site pilote \
        de production d'hydrogène en mer, raccordé au parc éolien des Deux-Côtes. Le site produira jusqu'à 400 kilogrammes \
        d'hydrogène par jour à partir de l'eau de mer dessalée, sans rejet de dioxyde de carbone. L'investissement atteint \
        50 millions d'euros, financés pour moitié par la Région Pays de la Loire et par Bpifrance. Vingt-cinq emplois \
        directs ont été créés sur le site.
        """
    static let title = "Lhyfe inaugure à Bouin le premier site de production d'hydrogène vert en mer"

    /// The release as `source` publishes it: its own link and GUID, the headline recased on odd sources,
    /// a paragraph of its own added on others.
    static func copy(
        on source: String, published: Date = t0, matches: [Match], variant: Int = 0
    ) -> ItemWithMatches {
        let title = variant % 2 == 1 ? Self.title.uppercased() + " !" : Self.title
        let text = variant >= 2
            ? body + " Contactée par notre rédaction, la préfecture précise que l'autorisation d'exploiter a été délivrée en mars."
            : body
        return ItemWithMatches(
            item: FeedItem(
                id: "https://\(source).example/hydrogene-bouin", title: title, link: "https://\(source).example/hydrogene-bouin",
                published: published, contentText: text),
            matches: matches)
    }

    static let footer = """
         Cet article vous est proposé par l'Agence de presse de l'Ouest. Tous droits de reproduction et de représentation \
        réservés. Lire aussi : Saint-Nazaire : le port prépare l'arrivée des éoliennes flottantes ; Pornichet : la saison \
        touristique en hausse de 8 %.
        """

    static func agencyStory(_ number: Int, matches: [Match]) -> ItemWithMatches {
        let (title, text) = number == 1
            ? ("Saint-Nazaire : les Chantiers de l'Atlantique livrent un nouveau paquebot",
               "Les Chantiers de l'Atlantique ont livré mardi à Saint-Nazaire un paquebot de 330 mètres à l'armateur MSC.")
            : ("Saint-Nazaire : les Chantiers de l'Atlantique livrent un deuxième paquebot",
               "Les Chantiers de l'Atlantique ont remis vendredi à Saint-Nazaire le deuxième navire d'une série de quatre.")
        return ItemWithMatches(
            item: FeedItem(
                id: "urn:apo:\(number)", title: title, link: "https://apo.example/\(number)", published: t0, contentText: text + footer),
            matches: matches)
    }
}
