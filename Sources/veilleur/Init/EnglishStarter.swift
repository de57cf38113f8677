import Model

/// The starter configuration in English (`veilleur init --language en`).
enum EnglishStarter: StarterTexts {
    static let settings = """
        # veilleur settings. Every key is optional: a missing key takes the value written here, which is
        # its default. Check the folder with: veilleur check --config FOLDER

        # User-Agent sent with every request: give an address where site owners can reach you.
        user_agent: "veilleur/0.1 (+https://github.com/veilleur/veilleur)"
        # How often sources that set no interval are read: 15m, 1h, 1d…
        default_interval: 1h
        # Where the database is; by default the state folder's veilleur.sqlite. A relative sqlite: path is
        # read from this folder; --database and VEILLEUR_DATABASE_URL win over this key.
        # database: sqlite:/var/lib/veilleur/veilleur.sqlite
        # Several daemons on one PostgreSQL database: a daemon silent for longer than lease loses its sources
        # to the others; pass_size bounds the sources one pass takes (16 × concurrency by default).
        # cluster: { lease: 10m, pass_size: 256 }
        digest:
          time: "07:00"            # local time the daily digests are written at
          timezone: Europe/Paris   # IANA time zone of that time and of the digest days
        fetch:
          concurrency: 16          # transfers at once
          per_host: 2              # connections at once to one server, out of politeness
          timeout_seconds: 60      # longest a transfer may take
          connect_timeout_seconds: 10
          max_body_bytes: 16777216 # 16 MiB at most per document, once decompressed
          max_redirects: 5
          max_items_per_fetch: 1000    # most items read from one document (the newest)
          max_new_items_per_day: 2000  # most new items one source adds in 24 hours

        """

    static let sources = """
        # Sources veilleur reads: public RSS, Atom or RDF feeds, and HTML pages.
        #   name      stable id, used by profiles and in the database: do not change it afterwards
        #   url       http or https; credentials (user:password@, ?token=…) are never shown
        #   tags      free labels a profile can select (sources: include_tags: [...])
        #   interval  how often it is read: 15m, 1h, 1d… (default_interval of veilleur.yaml otherwise)
        #   headers   HTTP headers added to every request, for instance:
        #               headers: {Accept-Language: en}
        #   kind      feed (the default) or page; a page is read only where its robots.txt allows it
        #   robots    for a page: obey (the default) or ignore (logged at each load)
        sources:
          - name: bbc-business
            url: https://feeds.bbci.co.uk/news/business/rss.xml
            tags: [press, business]
            interval: 30m
          - name: guardian-technology
            url: https://www.theguardian.com/uk/technology/rss
            tags: [press, technology]
            interval: 1h
          - name: techcrunch
            url: https://techcrunch.com/feed/
            tags: [press, startups]
            interval: 1h
          - name: euractiv
            url: https://www.euractiv.com/feed/
            tags: [europe, policy]
            interval: 2h
          - name: ncsc-uk
            url: https://www.ncsc.gov.uk/api/1/services/v1/all-rss-feed.xml
            tags: [institutional, security]
            interval: 6h

        """

    /// What every profile explains before its keys.
    private static let guide = """
        # The file name is the profile's id. Each term found in an item scores
        # term weight × topic weight × 3 (title), 2 (categories), 1.5 (summary) or 1 (content); the
        # item enters the digest when the sum reaches min_score. Case, accents and French elisions are
        # ignored; a term of several words counts only where its words follow each other. See why an
        # item was kept: veilleur explain --profile ID ITEM

        """

    /// What every profile ends with: the optional choice of sources, commented out.
    private static let sourceChoice = """
        exclude: [obituary, horoscope]       # any one of these terms drops the item
        # sources:                           # optional: the sources this profile reads
        #   include_tags: [press]            # only those with one of these tags
        #   exclude: [bbc-business]          # except these
        #   weights: {techcrunch: 1.5}       # multiplies the score of a source's items

        """

    static func profile(_ kind: StakeholderKind) -> String {
        let body: String
        switch kind {
        case .cluster:
            body = """
                # Cluster: funding, collaborative projects, running the network.
                name: "Cluster — funding, projects and network"
                kind: cluster
                language: en             # digest language: fr or en
                min_score: 2.0           # lowest score that enters the digest
                max_items: 25            # items listed in the HTML and Markdown digests
                topics:
                  - name: Funding
                    weight: 2
                    keywords: ["call for projects", grant, "Horizon Europe", {term: "innovation fund", weight: 1.5}]
                    phrases: ["call for proposals"]
                  - name: Collaborative projects
                    weight: 1.5
                    keywords: [consortium, "joint research", "technology transfer", laboratory]
                  - name: Network
                    weight: 1
                    keywords: [members, ecosystem, matchmaking, webinar]

                """
        case .filiere:
            body = """
                # Industry sector (filière): markets, export, innovation and standards.
                name: "Sector — markets, export and innovation"
                kind: filière
                language: en             # digest language: fr or en
                min_score: 2.0           # lowest score that enters the digest
                max_items: 30            # items listed in the HTML and Markdown digests
                topics:
                  - name: Markets
                    weight: 1.5
                    keywords: ["market share", "order book", revenue, "raw material prices"]
                  - name: Export
                    weight: 1.5
                    keywords: [export, tariffs, {term: "trade agreement", weight: 2}]
                    phrases: ["trade fair"]
                  - name: Innovation
                    weight: 1
                    keywords: [patent, automation, decarbonisation, reshoring]
                  - name: Standards
                    weight: 1
                    keywords: [standard, regulation, "EU directive"]

                """
        case .territoire:
            body = """
                # Territory (territoire): attractiveness, planning and transitions of a local authority.
                name: "Territory — attractiveness, planning and transitions"
                kind: territoire
                language: en             # digest language: fr or en
                min_score: 2.0           # lowest score that enters the digest
                max_items: 30            # items listed in the HTML and Markdown digests
                topics:
                  - name: Attractiveness
                    weight: 1.5
                    keywords: ["new jobs", "foreign investment", tourism, relocation]
                  - name: Planning
                    weight: 1.5
                    keywords: ["urban planning", housing, mobility, "public transport"]
                  - name: Transitions
                    weight: 1.5
                    keywords: ["climate change", biodiversity, "renewable energy", drought, flooding]
                  - name: Local government
                    weight: 1
                    keywords: ["city council", "public procurement", "local authority"]

                """
        case .entreprise:
            body = """
                # Company (entreprise): competitors, customers, regulation and cybersecurity.
                name: "Company — competitors, customers and regulation"
                kind: entreprise
                language: en             # digest language: fr or en
                min_score: 2.0           # lowest score that enters the digest
                max_items: 30            # items listed in the HTML and Markdown digests
                topics:
                  - name: Competition
                    weight: 1.5
                    keywords: [acquisition, merger, "funding round", competitor, "market share"]
                  - name: Customers and markets
                    weight: 1.5
                    keywords: [tender, "public procurement", contract]
                  - name: Regulation
                    weight: 1
                    keywords: [GDPR, compliance, "EU directive", "data protection"]
                  - name: Cybersecurity
                    weight: 1
                    keywords: [cyberattack, ransomware, vulnerability, "data breach"]

                """
        }
        return guide + body + sourceChoice
    }
}
