/// Small OPML files written the way each feed reader exports them, for the reader's tests and the import's.
enum OPMLStyles {
    /// Feedly: OPML 1.0, `text` and `title` on every outline, `type="rss"`, one level of folders.
    static let feedly = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0">
          <head>
            <title>Marie subscriptions in feedly Cloud</title>
          </head>
          <body>
            <outline text="Énergie" title="Énergie">
              <outline type="rss" text="Hydrogen Insight" title="Hydrogen Insight" xmlUrl="https://www.hydrogeninsight.com/rss" htmlUrl="https://www.hydrogeninsight.com"/>
              <outline type="rss" text="Le Monde - Planète" title="Le Monde - Planète" xmlUrl="https://www.lemonde.fr/planete/rss_full.xml" htmlUrl="https://www.lemonde.fr/planete/"/>
            </outline>
            <outline text="Mer" title="Mer">
              <outline type="rss" text="Pôle Mer Bretagne Atlantique" title="Pôle Mer Bretagne Atlantique" xmlUrl="https://www.pole-mer-bretagne-atlantique.com/fr/rss" htmlUrl="https://www.pole-mer-bretagne-atlantique.com"/>
            </outline>
          </body>
        </opml>
        """

    /// Inoreader: folders as parent outlines, feeds outside any folder at the top, `&apos;` in a title.
    static let inoreader = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0">
            <head>
                <title>Subscriptions of Marie from Inoreader [https://www.inoreader.com]</title>
            </head>
            <body>
                <outline text="Veille" title="Veille">
                    <outline text="Actu-Environnement" title="Actu-Environnement" type="rss" xmlUrl="https://www.actu-environnement.com/flux/actualites.xml" htmlUrl="https://www.actu-environnement.com"/>
                </outline>
                <outline text="Techniques de l&apos;Ingénieur" title="Techniques de l&apos;Ingénieur" type="rss" xmlUrl="https://www.techniques-ingenieur.fr/feed/" htmlUrl="https://www.techniques-ingenieur.fr"/>
            </body>
        </opml>
        """

    /// Miniflux: OPML 2.0, categories whose outlines carry only `text`, feeds with `title` and `text`.
    static let miniflux = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>Miniflux</title>
            <dateCreated>Sun, 29 Nov 2026 10:00:00 UTC</dateCreated>
          </head>
          <body>
            <outline text="All">
              <outline title="Ouest-France Économie" text="Ouest-France Économie" xmlUrl="https://www.ouest-france.fr/rss/economie" htmlUrl="https://www.ouest-france.fr/economie/" description=""></outline>
            </outline>
          </body>
        </opml>
        """

    /// FreshRSS: tabs, categories with `text` only, no `type` on one feed, and a `category` attribute.
    static let freshRSS = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
        \t<head>
        \t\t<title>FreshRSS</title>
        \t\t<dateCreated>Sun, 29 Nov 2026 10:00:00 +0000</dateCreated>
        \t</head>
        \t<body>
        \t\t<outline text="Industrie">
        \t\t\t<outline text="Journal du Net" type="rss" xmlUrl="https://www.journaldunet.com/rss/" htmlUrl="https://www.journaldunet.com/" description="Actualités"/>
        \t\t\t<outline text="H2 Mobile" xmlUrl="https://www.h2-mobile.fr/feed/" htmlUrl="https://www.h2-mobile.fr/" category="/Hydrogène/Mobilité,transport"/>
        \t\t</outline>
        \t</body>
        </opml>
        """
}
