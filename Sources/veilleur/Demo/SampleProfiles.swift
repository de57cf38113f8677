/// Watch profiles for the demo, one per stakeholder kind, tuned to the sample feeds.
enum SampleProfiles {
    /// File name → YAML.
    static let files: [String: String] = [
        "cluster-demo.yaml": """
            name: "Pôle Énergies (démo) — gouvernance et réseau"
            kind: cluster
            min_score: 1.5
            recency: false           # the sample feeds have fixed dates: the demo reads the same any day
            topics:
              - name: Gouvernance
                weight: 2
                keywords: ["conseil d'administration", "assemblée générale", "pôle de compétitivité"]
                phrases: ["feuille de route"]
              - name: Modèles économiques
                weight: 1.5
                keywords: [cotisations, "modèle économique", "France 2030", financement]
              - name: Animation du réseau
                weight: 1
                keywords: [adhérents, écosystème]
                phrases: ["convention d'affaires"]
            exclude: [nécrologie]
            """,
        "filiere-demo.yaml": """
            name: "Filière hydrogène (démo)"
            kind: filière
            min_score: 1.5
            recency: false           # the sample feeds have fixed dates: the demo reads the same any day
            topics:
              - name: Opportunités d'affaires
                weight: 2
                keywords: [hydrogène, électrolyseurs, "pile à combustible", "appel d'offres", "marché public", gigafactory]
              - name: Export
                weight: 1.5
                keywords: [export, "Team France Export", "Business France"]
                phrases: ["salon international", "mission collective"]
              - name: Partenariats stratégiques
                weight: 1.5
                keywords: [partenariat, coentreprise, "accord de coopération"]
                phrases: ["joint venture"]
            exclude: [nécrologie]
            """,
        "territoire-demo.yaml": """
            name: "Métropole (démo) — attractivité, sécurité, environnement, smart city"
            kind: territoire
            min_score: 1.5
            recency: false           # the sample feeds have fixed dates: the demo reads the same any day
            digest: {layout: by_topic}   # a section per topic rather than one ranked list
            topics:
              - name: Attractivité
                weight: 1.5
                keywords: [attractivité, implantation]
                phrases: ["créations d'emplois"]
              - name: Sécurité
                weight: 1.5
                keywords: [cyberattaque, rançongiciel, vulnérabilité]
                phrases: ["alerte de sécurité"]
              - name: Environnement
                weight: 1.5
                keywords: ["qualité de l'air", "zone à faibles émissions", pollution]
                phrases: ["plan climat"]
              - name: Smart city
                weight: 1
                keywords: ["smart city", "jumeau numérique", capteurs, "données ouvertes"]
                phrases: ["éclairage public"]
            sources:
              weights:
                territoires: 1.2
            """,
        "entreprise-demo.yaml": """
            name: "Start-up IA (démo) — affaires, innovation, collaborations, export"
            kind: entreprise
            language: en
            min_score: 1.5
            recency: false           # the sample feeds have fixed dates: the demo reads the same any day
            topics:
              - name: Opportunités d'affaires
                weight: 2
                keywords: ["appel à projets", "call for projects", "levée de fonds"]
              - name: Innovation
                weight: 1.5
                keywords: ["intelligence artificielle", deeptech, cloud, cybersécurité]
              - name: Collaborations
                weight: 1
                keywords: [partenariat, consortium, laboratoire]
                phrases: ["open innovation", "collaborative project"]
              - name: Export
                weight: 1
                keywords: [export]
            """,
    ]

    /// The sources file for a server at `base`.
    static func sources(base: String) -> String {
        """
        sources:
          - name: industrie
            url: \(base)/industrie.rss
            tags: [presse, industrie]
            interval: 15m
          - name: territoires
            url: \(base)/territoires.atom
            tags: [territoires]
            interval: 15m
          - name: innovation
            url: \(base)/innovation.rdf
            tags: [innovation]
            interval: 15m
          - name: prefecture
            url: \(base)/communique-sans-flux.html
            tags: [institutionnel]
            interval: 1h
          - name: injoignable
            url: http://127.0.0.1:9/flux.xml
            tags: [demo]
            interval: 1h
        """
    }
}
