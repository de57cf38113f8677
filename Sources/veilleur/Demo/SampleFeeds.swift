/// Feeds and a page written for the demo, in French and English, served over loopback HTTP by `veilleur demo`.
/// They cover the three feed formats, an HTML page, entities and CDATA, and one article syndicated twice.
enum SampleFeeds {
    /// URL path → (content type, body). `{BASE}` is replaced with the server's base URL.
    static let documents: [String: (contentType: String, body: String)] = [
        "/industrie.rss": ("application/rss+xml; charset=utf-8", industrieRSS),
        "/territoires.atom": ("application/atom+xml; charset=utf-8", territoiresAtom),
        "/innovation.rdf": ("application/rdf+xml", innovationRDF),
        "/communique-sans-flux.html": ("text/html; charset=utf-8", pressReleasePage),
    ]

    static let industrieRSS = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>Industrie &amp; Territoires — actualités</title>
          <link>{BASE}/</link>
          <language>fr</language>
          <item>
            <title>Hydrogène vert : un appel d'offres régional pour trois électrolyseurs</title>
            <link>{BASE}/articles/hydrogene-appel-offres?utm_source=rss&amp;utm_medium=feed</link>
            <guid isPermaLink="false">demo-industrie-001</guid>
            <pubDate>Wed, 25 Nov 2026 08:15:00 +0100</pubDate>
            <dc:creator>Rédaction Industrie</dc:creator>
            <category>Énergie</category>
            <description><![CDATA[<p>La région lance un <strong>appel d'offres</strong> pour l'installation de trois électrolyseurs destinés à produire de l'hydrogène vert. Le marché public est ouvert aux consortiums de PME.</p>]]></description>
          </item>
          <item>
            <title>Export : la Team France Export accompagne la filière hydrogène au salon international de Hanovre</title>
            <link>{BASE}/articles/hanovre-export</link>
            <guid isPermaLink="false">demo-industrie-002</guid>
            <pubDate>Tue, 24 Nov 2026 17:40:00 +0100</pubDate>
            <description>Une mission collective de douze entreprises, avec Business France, pour conquérir les marchés allemands de la pile à combustible.</description>
          </item>
          <item>
            <title>Le pôle de compétitivité renouvelle son conseil d'administration</title>
            <link>{BASE}/articles/pole-gouvernance</link>
            <guid isPermaLink="false">demo-industrie-003</guid>
            <pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate>
            <content:encoded><![CDATA[<p>Réunie en assemblée générale, l'association a adopté sa nouvelle <em>feuille de route</em> 2027-2030 et présenté son modèle économique : cotisations des adhérents, prestations de services et financement France 2030.</p><p>Une convention d'affaires réunira l'écosystème au printemps.</p>]]></content:encoded>
          </item>
          <item>
            <title>Partenariat stratégique : une coentreprise franco-italienne pour les réservoirs à hydrogène</title>
            <link>{BASE}/articles/coentreprise-reservoirs</link>
            <guid isPermaLink="false">demo-industrie-004</guid>
            <pubDate>Sun, 22 Nov 2026 09:30:00 +0100</pubDate>
            <description>Les deux industriels signent un accord de coopération et créent une joint venture.</description>
          </item>
          <item>
            <title>Nécrologie : disparition d'un pionnier de l'hydrogène</title>
            <link>{BASE}/articles/necrologie</link>
            <guid isPermaLink="false">demo-industrie-005</guid>
            <pubDate>Sat, 21 Nov 2026 12:00:00 +0100</pubDate>
            <description>Hommage à un ingénieur qui a consacré sa carrière à la pile à combustible.</description>
          </item>
          <item>
            <title>Recette : la tarte aux pommes de saison</title>
            <link>{BASE}/articles/recette</link>
            <guid isPermaLink="false">demo-industrie-006</guid>
            <pubDate>Sat, 21 Nov 2026 18:00:00 +0100</pubDate>
            <description>Rien à voir avec la veille.</description>
          </item>
        </channel>
        </rss>
        """

    static let territoiresAtom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="{BASE}/territoires/">
          <title>Observatoire des territoires</title>
          <link rel="alternate" href="{BASE}/territoires/"/>
          <id>urn:demo:territoires</id>
          <updated>2026-11-25T18:00:00Z</updated>
          <entry>
            <title type="html">Cyberattaque : la métropole active son &lt;em&gt;plan de continuité&lt;/em&gt;</title>
            <link rel="alternate" href="cyberattaque-metropole"/>
            <id>urn:demo:territoires:1</id>
            <published>2026-11-25T07:45:00+01:00</published>
            <updated>2026-11-25T09:00:00+01:00</updated>
            <author><name>Agence régionale du numérique</name></author>
            <summary>Un rançongiciel a paralysé les services en ligne ; le CERT publie une alerte de sécurité sur la vulnérabilité exploitée.</summary>
          </entry>
          <entry>
            <title>Qualité de l'air : la zone à faibles émissions étendue en 2027</title>
            <link rel="alternate" href="zfe-2027"/>
            <id>urn:demo:territoires:2</id>
            <published>2026-11-24T11:00:00+01:00</published>
            <summary type="html">&lt;p&gt;Le plan climat prévoit aussi la lutte contre les îlots de chaleur et la pollution.&lt;/p&gt;</summary>
          </entry>
          <entry>
            <title>Smart city : un jumeau numérique pour l'éclairage public</title>
            <link rel="alternate" href="jumeau-numerique"/>
            <id>urn:demo:territoires:3</id>
            <published>2026-11-23T15:20:00+01:00</published>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Des capteurs et des données ouvertes pour une gestion intelligente de la ville intelligente.</p></div></content>
          </entry>
          <entry>
            <title>Hydrogène vert : un appel d'offres régional pour trois électrolyseurs</title>
            <link rel="alternate" href="{BASE}/articles/hydrogene-appel-offres?utm_campaign=atom"/>
            <id>urn:demo:territoires:4</id>
            <published>2026-11-25T08:30:00+01:00</published>
            <summary>La région lance un appel d'offres pour l'installation de trois électrolyseurs destinés à produire de l'hydrogène vert. Le marché public est ouvert aux consortiums de PME.</summary>
          </entry>
        </feed>
        """

    static let innovationRDF = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="{BASE}/innovation">
            <title>Innovation Digest</title>
            <link>{BASE}/innovation</link>
            <description>Startups, research and partnerships</description>
          </channel>
          <item rdf:about="{BASE}/innovation/ia-levee">
            <title>Start-up nantaise d'intelligence artificielle : levée de fonds de 12 M€</title>
            <link>{BASE}/innovation/ia-levee</link>
            <description>La deeptech signe aussi un partenariat avec un laboratoire public et prépare son export vers le Québec.</description>
            <dc:date>2026-11-25T06:00:00Z</dc:date>
          </item>
          <item rdf:about="{BASE}/innovation/cloud-consortium">
            <title>European cloud consortium opens a call for projects</title>
            <link>{BASE}/innovation/cloud-consortium</link>
            <description>SMEs can join the open innovation programme; the French Tech is a partner of the collaborative project.</description>
            <dc:date>2026-11-24T14:00:00Z</dc:date>
          </item>
          <item rdf:about="{BASE}/innovation/broken">
            <title>Un élément mal formé & sans échappement</title>
            <link>{BASE}/innovation/broken</link>
            <description>Le parseur en mode récupération garde les autres éléments.</description>
          </item>
        </rdf:RDF>
        """

    static let pressReleasePage = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <title>Communiqué — Appel à projets « Industrie du futur »</title>
          <meta name="description" content="La préfecture ouvre un appel à projets doté de 5 M€ pour les PME industrielles.">
          <meta property="article:published_time" content="2026-11-25T10:00:00+01:00">
          <link rel="alternate" type="application/rss+xml" title="Actualités" href="/industrie.rss">
        </head>
        <body>
          <nav><a href="/">Accueil</a> · <a href="/presse">Presse</a></nav>
          <article>
            <h1>Appel à projets « Industrie du futur »</h1>
            <p>La préfecture de région ouvre un appel à projets pour accompagner la modernisation des PME industrielles : robotique, cybersécurité, intelligence artificielle.</p>
            <p>Les dossiers déposés par un consortium associant un laboratoire seront bonifiés. Clôture le 31 janvier 2027.</p>
          </article>
          <footer>Mentions légales · Plan du site</footer>
        </body>
        </html>
        """
}
