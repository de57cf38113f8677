import Model

/// The starter configuration in French, the default: the watch is for French-speaking stakeholders.
enum FrenchStarter: StarterTexts {
    static let settings = """
        # Réglages de veilleur. Toutes les clés sont facultatives : une clé absente prend la valeur
        # écrite ici, qui est celle par défaut. Vérifiez le dossier avec : veilleur check --config DOSSIER

        # User-Agent envoyé avec chaque requête : indiquez une adresse où les sites peuvent vous joindre.
        user_agent: "veilleur/0.1 (+https://github.com/veilleur/veilleur)"
        # Fréquence des sources qui n'en précisent pas : 15m, 1h, 1d…
        default_interval: 1h
        # Emplacement de la base ; par défaut veilleur.sqlite du dossier d'état. Un chemin sqlite: relatif
        # part de ce dossier ; --database et VEILLEUR_DATABASE_URL l'emportent sur cette clé.
        # database: sqlite:/var/lib/veilleur/veilleur.sqlite
        # Plusieurs démons sur une même base PostgreSQL : un démon silencieux plus longtemps que lease perd
        # ses sources (reprises par les autres) ; pass_size borne les sources prises par passe (16 × concurrency).
        # cluster: { lease: 10m, pass_size: 256 }
        digest:
          time: "07:00"            # heure locale d'écriture des synthèses quotidiennes
          timezone: Europe/Paris   # fuseau horaire IANA de cette heure et des journées
        fetch:
          concurrency: 16          # transferts simultanés
          per_host: 2              # connexions simultanées vers un même serveur, par politesse
          timeout_seconds: 60      # durée maximale d'un transfert
          connect_timeout_seconds: 10
          max_body_bytes: 16777216 # 16 Mio au plus par document, après décompression
          max_redirects: 5
          max_items_per_fetch: 1000    # éléments lus par document au plus (les plus récents)
          max_new_items_per_day: 2000  # nouveaux éléments par source et par 24 h au plus

        """

    static let sources = """
        # Sources lues par veilleur : flux RSS, Atom ou RDF publics, et pages HTML.
        #   name      identifiant stable, repris par les profils et la base : ne le changez plus ensuite
        #   url       http ou https ; des identifiants (user:motdepasse@, ?token=…) ne s'affichent jamais
        #   tags      étiquettes libres, qu'un profil peut choisir (sources: include_tags: [...])
        #   interval  fréquence de lecture : 15m, 1h, 1d… (default_interval de veilleur.yaml sinon)
        #   headers   en-têtes HTTP ajoutés à chaque requête, par exemple :
        #               headers: {Accept-Language: fr}
        #   kind      feed (défaut) ou page ; une page n'est lue que si son robots.txt le permet
        #   robots    pour une page : obey (défaut) ou ignore (signalé à chaque chargement)
        sources:
          - name: lemonde-economie
            url: https://www.lemonde.fr/economie/rss_full.xml
            tags: [presse, economie]
            interval: 30m
          - name: usine-nouvelle
            url: https://www.usinenouvelle.com/rss/
            tags: [presse, industrie]
            interval: 1h
          - name: maddyness
            url: https://www.maddyness.com/feed/
            tags: [presse, innovation, startups]
            interval: 1h
          - name: gazette-des-communes
            url: https://www.lagazettedescommunes.com/feed/
            tags: [collectivites, territoires]
            interval: 1h
          - name: cnil
            url: https://www.cnil.fr/fr/rss.xml
            tags: [institutionnel, numerique, reglementation]
            interval: 6h

        """

    /// What every profile explains before its keys.
    private static let guide = """
        # Le nom du fichier est l'identifiant du profil. Chaque terme trouvé dans un élément rapporte
        # poids du terme × poids du thème × 3 (titre), 2 (catégories), 1,5 (résumé) ou 1 (contenu) ;
        # l'élément entre dans la synthèse quand la somme atteint min_score. La casse, les accents et
        # les élisions (l'industrie) sont ignorés ; un terme de plusieurs mots ne compte que si ses mots
        # se suivent. Voyez pourquoi un élément est retenu : veilleur explain --profile ID ÉLÉMENT

        """

    /// What every profile ends with: the optional choice of sources, commented out.
    private static let sourceChoice = """
        exclude: [nécrologie, horoscope]     # un seul de ces termes écarte l'élément
        # sources:                           # facultatif : les sources que ce profil lit
        #   include_tags: [presse]           # seulement celles qui portent une de ces étiquettes
        #   exclude: [lemonde-economie]      # sauf celles-ci
        #   weights: {usine-nouvelle: 1.5}   # multiplie le score des éléments d'une source

        """

    static func profile(_ kind: StakeholderKind) -> String {
        let body: String
        switch kind {
        case .cluster:
            body = """
                # Pôle de compétitivité : financements, projets collaboratifs, animation du réseau.
                name: "Pôle de compétitivité — financements, projets et réseau"
                kind: cluster
                language: fr             # langue de la synthèse : fr ou en
                min_score: 2.0           # score minimal pour figurer dans la synthèse
                max_items: 25            # éléments listés dans les synthèses HTML et Markdown
                topics:
                  - name: Financements
                    weight: 2
                    keywords: ["appel à projets", subvention, "France 2030", {term: Bpifrance, weight: 1.5}]
                    phrases: ["appel à manifestation d'intérêt"]
                  - name: Projets collaboratifs
                    weight: 1.5
                    keywords: [consortium, "projet collaboratif", "recherche partenariale", laboratoire]
                    phrases: ["transfert de technologie"]
                  - name: Animation du réseau
                    weight: 1
                    keywords: [adhérents, écosystème, "convention d'affaires", webinaire]

                """
        case .filiere:
            body = """
                # Filière : marchés, export, innovation et normes d'un secteur.
                name: "Filière — marchés, export et innovation"
                kind: filière
                language: fr             # langue de la synthèse : fr ou en
                min_score: 2.0           # score minimal pour figurer dans la synthèse
                max_items: 30            # éléments listés dans les synthèses HTML et Markdown
                topics:
                  - name: Marchés
                    weight: 1.5
                    keywords: ["part de marché", "carnet de commandes", "chiffre d'affaires", "prix des matières premières"]
                  - name: Export
                    weight: 1.5
                    keywords: [export, "Business France", {term: "Team France Export", weight: 2}]
                    phrases: ["salon international"]
                  - name: Innovation
                    weight: 1
                    keywords: [brevet, "industrie du futur", décarbonation, relocalisation]
                  - name: Normes
                    weight: 1
                    keywords: [norme, réglementation, "directive européenne"]

                """
        case .territoire:
            body = """
                # Territoire : attractivité, aménagement et transitions d'une collectivité.
                name: "Territoire — attractivité, aménagement et transitions"
                kind: territoire
                language: fr             # langue de la synthèse : fr ou en
                min_score: 2.0           # score minimal pour figurer dans la synthèse
                max_items: 30            # éléments listés dans les synthèses HTML et Markdown
                topics:
                  - name: Attractivité
                    weight: 1.5
                    keywords: [implantation, "création d'emplois", tourisme, "investissement étranger"]
                  - name: Aménagement
                    weight: 1.5
                    keywords: [urbanisme, logement, mobilité, "transport en commun", "zone d'activité"]
                  - name: Transitions
                    weight: 1.5
                    keywords: ["transition écologique", climat, biodiversité, "énergie renouvelable", sécheresse]
                  - name: Collectivités
                    weight: 1
                    keywords: [intercommunalité, "conseil municipal", dotation, "marché public"]

                """
        case .entreprise:
            body = """
                # Entreprise : concurrents, clients, réglementation et cybersécurité.
                name: "Entreprise — concurrents, clients et réglementation"
                kind: entreprise
                language: fr             # langue de la synthèse : fr ou en
                min_score: 2.0           # score minimal pour figurer dans la synthèse
                max_items: 30            # éléments listés dans les synthèses HTML et Markdown
                topics:
                  - name: Concurrence
                    weight: 1.5
                    keywords: [rachat, acquisition, "levée de fonds", concurrent, "part de marché"]
                  - name: Clients et marchés
                    weight: 1.5
                    keywords: ["appel d'offres", "marché public", contrat, commande]
                  - name: Réglementation
                    weight: 1
                    keywords: [RGPD, CNIL, conformité, décret, "directive européenne"]
                  - name: Cybersécurité
                    weight: 1
                    keywords: [cyberattaque, rançongiciel, vulnérabilité, "fuite de données"]

                """
        }
        return guide + body + sourceChoice
    }
}
