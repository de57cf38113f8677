import Foundation
import Testing

/// French news items for near-duplicate tests: one press release as four sites carry it, and stories of
/// one agency that share its footer, its "Lire aussi" list and its place names.
enum FrenchReleases {
    struct Item: CustomTestStringConvertible {
        var name: String
        /// Items of the same story are copies of each other, which should fold; the story is named after
        /// its first item.
        var story: String
        var title: String
        var body: String
        var testDescription: String { name }
    }

    static let releaseBody = """
        Lhyfe, producteur d'hydrogène vert et renouvelable, a inauguré ce jeudi à Bouin, en Vendée, son site pilote \
        de production d'hydrogène en mer, raccordé au parc éolien des Deux-Côtes. Le site produira jusqu'à 400 kilogrammes \
        d'hydrogène par jour à partir de l'eau de mer dessalée, sans rejet de dioxyde de carbone. L'investissement atteint \
        50 millions d'euros, financés pour moitié par la Région Pays de la Loire et par Bpifrance. « Nous démontrons qu'une \
        filière industrielle de l'hydrogène offshore est possible en France », a déclaré Matthieu Guesné, président-fondateur \
        de Lhyfe. L'hydrogène produit alimentera d'abord les bus de l'agglomération de La Roche-sur-Yon et les engins du port \
        de Saint-Nazaire, avant une montée en puissance prévue en 2027. Vingt-cinq emplois directs ont été créés sur le site, \
        et une centaine d'entreprises régionales ont participé au chantier.
        """

    /// The release as the company's newsroom publishes it.
    static let release = Item(
        name: "release", story: "release",
        title: "Lhyfe inaugure à Bouin le premier site de production d'hydrogène vert en mer",
        body: releaseBody)

    /// Headline in capitals with typographic apostrophes and an exclamation mark, quotes changed.
    static let repunctuated = Item(
        name: "repunctuated", story: "release",
        title: "LHYFE INAUGURE À BOUIN LE PREMIER SITE DE PRODUCTION D’HYDROGÈNE VERT EN MER !",
        body: releaseBody.replacingOccurrences(of: "'", with: "’").replacingOccurrences(of: "« ", with: "\"").replacingOccurrences(of: " »", with: "\""))

    /// A local paper adds a paragraph of its own after the second sentence.
    static let withAddedParagraph = Item(
        name: "withAddedParagraph", story: "release",
        title: "Lhyfe inaugure à Bouin le premier site de production d'hydrogène vert en mer",
        body: releaseBody.replacingOccurrences(of: 
            "sans rejet de dioxyde de carbone. ",
            with: """
                sans rejet de dioxyde de carbone. Contactée par notre rédaction, la préfecture de la Vendée précise que \
                l'autorisation d'exploiter a été délivrée en mars, après une enquête publique qui n'avait suscité que \
                quelques observations des pêcheurs de la baie de Bourgneuf.
                """ + " "))

    /// A trade site opens with its own sentence and prefixes the headline with its section.
    static let withOtherIntro = Item(
        name: "withOtherIntro", story: "release",
        title: "Hydrogène : Lhyfe inaugure à Bouin le premier site de production en mer",
        body: "C'est une première mondiale, et elle se joue sur la côte vendéenne. "
            + releaseBody.replacingOccurrences(of: "Lhyfe, producteur d'hydrogène vert et renouvelable, a", with: "Lhyfe a"))

    /// A regional portal keeps the text word for word under a headline of its own.
    static let retitled = Item(name: "retitled", story: "release", title: "Vendée : l'hydrogène en mer entre en service", body: releaseBody)

    static let copies = [release, repunctuated, withAddedParagraph, withOtherIntro, retitled]

    static let agencyFooter = """
         Cet article vous est proposé par l'Agence de presse de l'Ouest. Tous droits de reproduction et de représentation \
        réservés. Les informations publiées par l'Agence de presse de l'Ouest ne peuvent être reproduites sans son \
        autorisation écrite préalable. Lire aussi : Saint-Nazaire : le port prépare l'arrivée des éoliennes flottantes ; \
        Montoir-de-Bretagne : le terminal méthanier change de mains ; Pornichet : la saison touristique en hausse de 8 %.
        """

    static let liner = Item(
        name: "liner", story: "liner",
        title: "Saint-Nazaire : les Chantiers de l'Atlantique livrent un nouveau paquebot",
        body: """
            Les Chantiers de l'Atlantique ont livré mardi à Saint-Nazaire un paquebot de 330 mètres à l'armateur MSC. \
            Le navire, propulsé au gaz naturel liquéfié, accueillera plus de 6 700 passagers. Sa construction a mobilisé \
            près de 3 000 personnes pendant deux ans, dont de nombreux sous-traitants de Loire-Atlantique.
            """ + agencyFooter)

    /// Another delivery by the same yard, under an alike headline.
    static let secondLiner = Item(
        name: "secondLiner", story: "secondLiner",
        title: "Saint-Nazaire : les Chantiers de l'Atlantique livrent un deuxième paquebot",
        body: """
            Les Chantiers de l'Atlantique ont remis vendredi à Saint-Nazaire le Celebrity Xcel, deuxième navire d'une \
            série de quatre commandée par Celebrity Cruises. Long de 327 mètres, il pourra embarquer 3 260 passagers. \
            Le chantier prévoit d'embaucher 400 personnes d'ici à la fin de l'année.
            """ + agencyFooter)

    static let trainingCentre = Item(
        name: "trainingCentre", story: "trainingCentre",
        title: "Montoir-de-Bretagne : un centre de formation aux métiers de l'éolien ouvre ses portes",
        body: """
            Un centre de formation consacré aux métiers de la maintenance éolienne a ouvert lundi à Montoir-de-Bretagne, \
            près de Saint-Nazaire. Il formera chaque année 200 techniciens, dont une partie pour les parcs en mer de \
            Loire-Atlantique. La Région a financé l'équipement à hauteur de 4 millions d'euros.
            """ + agencyFooter)

    /// Briefs whose text is mostly the footer.
    static let marketBrief = Item(
        name: "marketBrief", story: "marketBrief",
        title: "Pornichet : le marché couvert rouvre samedi",
        body: "Après six mois de travaux, le marché couvert de Pornichet rouvre samedi à 8 heures." + agencyFooter)

    static let waterBrief = Item(
        name: "waterBrief", story: "waterBrief",
        title: "Saint-Nazaire : coupure d'eau mardi dans le quartier de Méan",
        body: "Une coupure d'eau touchera mardi de 9 heures à 12 heures le quartier de Méan à Saint-Nazaire." + agencyFooter)

    /// One-sentence versions of the two deliveries, as a brief column carries them: alike headlines over a
    /// text that is mostly the footer. Each is the same story as its long version.
    static let linerBrief = Item(
        name: "linerBrief", story: "liner",
        title: "Saint-Nazaire : les Chantiers de l'Atlantique livrent un nouveau paquebot",
        body: "Les Chantiers de l'Atlantique ont livré mardi à Saint-Nazaire un paquebot de 330 mètres à l'armateur MSC." + agencyFooter)

    static let secondLinerBrief = Item(
        name: "secondLinerBrief", story: "secondLiner",
        title: "Saint-Nazaire : les Chantiers de l'Atlantique livrent un deuxième paquebot",
        body: "Les Chantiers de l'Atlantique ont remis vendredi à Saint-Nazaire le deuxième navire d'une série de quatre." + agencyFooter)

    static let agencyStories = [liner, secondLiner, trainingCentre, marketBrief, waterBrief, linerBrief, secondLinerBrief]
}

