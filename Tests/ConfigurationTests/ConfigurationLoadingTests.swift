import Configuration
import Foundation
import Model
import Testing

@Suite("Configuration loading")
struct ConfigurationLoadingTests {
    static let settings = """
        user_agent: "test-agent/1.0"
        digest:
          time: "06:30"
          timezone: UTC
        fetch:
          concurrency: 4
          per_host: 3
          timeout_seconds: 30
          max_body_bytes: 1048576
        default_interval: 2h
        """

    static let sources = """
        sources:
          - name: pole-mer
            url: https://example.org/feed.xml
            tags: [cluster, mer]
            interval: 30m
            headers: {Accept-Language: fr}
          - name: gazette
            url: http://example.com/rss
        """

    static let profile = """
        name: "Pôle Mer Méditerranée — veille gouvernance"
        kind: filière
        language: fr
        min_score: 1.5
        max_items: 20
        topics:
          - name: Gouvernance
            weight: 2
            keywords: [gouvernance, "conseil d'administration", {term: "assemblée générale", weight: 2}]
            phrases: ["feuille de route"]
        exclude: [nécrologie, "offre d'emploi"]
        sources:
          include_tags: [mer]
          exclude: [gazette]
          weights: {pole-mer: 1.5}
        """

    @Test("A valid folder loads settings, sources and profiles")
    func validFolder() throws {
        let folder = try ConfigFolder(files: [
            "veilleur.yaml": Self.settings, "sources.yaml": Self.sources, "profiles/pole-mer.yaml": Self.profile,
        ])
        let configuration = try Configuration.load(directory: folder.url)

        #expect(configuration.settings.userAgent == "test-agent/1.0")
        #expect(configuration.settings.digestHour == 6)
        #expect(configuration.settings.digestMinute == 30)
        #expect(configuration.settings.timeZone == "UTC")
        #expect(configuration.settings.concurrency == 4)
        #expect(configuration.settings.connectionsPerHost == 3)
        #expect(configuration.settings.totalTimeout == .seconds(30))
        #expect(configuration.settings.connectTimeout == .seconds(10))
        #expect(configuration.settings.maxBodyBytes == 1_048_576)
        #expect(configuration.settings.defaultInterval == 7200)

        #expect(configuration.sources == [
            Source(name: "pole-mer", url: "https://example.org/feed.xml", tags: ["cluster", "mer"], interval: 1800,
                   headers: ["Accept-Language": "fr"]),
            Source(name: "gazette", url: "http://example.com/rss", interval: 7200),
        ])

        let profile = try #require(configuration.profiles.first)
        #expect(configuration.profiles.count == 1)
        #expect(profile.id == "pole-mer")
        #expect(profile.name == "Pôle Mer Méditerranée — veille gouvernance")
        #expect(profile.kind == .filiere)
        #expect(profile.minScore == 1.5)
        #expect(profile.maxItems == 20)
        #expect(profile.topics.map(\.name) == ["Gouvernance"])
        #expect(profile.topics[0].weight == 2)
        #expect(profile.topics[0].terms.map(\.text) ==
            ["gouvernance", "conseil d'administration", "assemblée générale", "feuille de route"])
        #expect(profile.topics[0].terms.map(\.weight) == [1, 1, 2, 1])
        #expect(profile.topics[0].terms.map(\.isPhrase) == [false, false, false, true])
        #expect(profile.exclusions.map(\.text) == ["nécrologie", "offre d'emploi"])
        #expect(profile.includeTags == ["mer"])
        #expect(profile.excludedSources == ["gazette"])
        #expect(profile.sourceWeights == ["pole-mer": 1.5])
    }

    @Test("Terms remember where they are written")
    func termLocations() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": Self.sources, "profiles/pole-mer.yaml": Self.profile])
        let configuration = try Configuration.load(directory: folder.url)
        let terms = try #require(configuration.profiles.first?.topics.first?.terms)
        #expect(terms[0].location == SourceLocation(file: folder.path("profiles/pole-mer.yaml"), line: 9, column: 16))
        #expect(terms[2].location?.line == 9)
        #expect(terms[3].location == SourceLocation(file: folder.path("profiles/pole-mer.yaml"), line: 10, column: 15))
    }

    @Test("Without veilleur.yaml the documented defaults apply")
    func defaults() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources])
        let configuration = try Configuration.load(directory: folder.url)
        #expect(configuration.settings == Settings())
        #expect(configuration.settings.userAgent == "veilleur/0.1 (+https://github.com/veilleur/veilleur)")
        #expect(configuration.settings.digestHour == 7)
        #expect(configuration.settings.timeZone == "Europe/Paris")
        #expect(configuration.settings.maxRedirects == 5)
        #expect(configuration.sources.map(\.interval) == [3600, 3600])
    }

    @Test("An empty profiles folder is valid and yields no profiles")
    func emptyProfiles() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources])
        #expect(try Configuration.load(directory: folder.url).profiles.isEmpty)
    }

    @Test("Profile defaults fill what the file leaves out")
    func profileDefaults() throws {
        let folder = try ConfigFolder(files: [
            "sources.yaml": twoSources,
            "profiles/var.yml": "kind: territoire\ntopics:\n  - name: Mer\n    keywords: [littoral]\n",
        ])
        let profile = try #require(try Configuration.load(directory: folder.url).profiles.first)
        #expect(profile == Profile(
            id: "var", name: "var", kind: .territoire, language: "fr", minScore: 1, maxItems: 30,
            topics: [Topic(name: "Mer", weight: 1, terms: [
                Term(text: "littoral", location: SourceLocation(file: folder.path("profiles/var.yml"), line: 4, column: 16)),
            ])]
        ))
    }

    @Test("Durations accept seconds, minutes, hours, days and plain numbers")
    func durations() throws {
        let sources = """
            sources:
              - {name: a, url: "https://a.example/", interval: 90s}
              - {name: b, url: "https://b.example/", interval: 15m}
              - {name: c, url: "https://c.example/", interval: 1h}
              - {name: d, url: "https://d.example/", interval: 1d}
              - {name: e, url: "https://e.example/", interval: 45}
            """
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        #expect(try Configuration.load(directory: folder.url).sources.map(\.interval) == [90, 900, 3600, 86400, 45])
    }
}

/// The binary writes the schemas `veilleur init` needs from a copy of `config/schema/`: the two must not drift.
@Suite struct EmbeddedSchemaTests {
    @Test("The schemas compiled into the binary are the ones shipped in config/schema (else run scripts/embed-schemas.py)")
    func embeddedSchemasMatchShippedFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/schema")
        for (file, text) in ConfigurationSchemas.all {
            let shipped = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text == shipped, "\(file)")
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(onDisk) == Set(ConfigurationSchemas.all.map(\.file)), "every shipped schema is embedded")
    }
}

@Suite("Null values in YAML")
struct YAMLNullTests {
    @Test("A plain null form leaves a setting at its default", arguments: ["~", "null", "Null", "NULL", ""])
    func plainNullIsAbsent(form: String) throws {
        let (defaults, _) = try loadSettings("default_interval: 2h\n")
        let (result, _) = try loadSettings("default_interval: 2h\nuser_agent: \(form)\n")
        #expect(try result.get().userAgent == defaults.get().userAgent)
    }

    @Test("A quoted null form is text", arguments: [("\"null\"", "null"), ("'~'", "~"), ("\"NULL\"", "NULL")])
    func quotedNullIsText(form: String, text: String) throws {
        let (result, _) = try loadSettings("user_agent: \(form)\n")
        #expect(try result.get().userAgent == text)
    }

    @Test("A value tagged !!null is null")
    func taggedNullIsAbsent() throws {
        let (defaults, _) = try loadSettings("default_interval: 2h\n")
        let (result, _) = try loadSettings("default_interval: 2h\nuser_agent: !!null whatever\n")
        #expect(try result.get().userAgent == defaults.get().userAgent)
    }
}

@Suite("Many profiles read at once")
struct ManyProfilesTests {
    @Test("Profiles read on several threads come in id order, and their issues in file order, every time")
    func orderIsKept() throws {
        var files = ["sources.yaml": twoSources]
        for index in 0..<60 {
            let id = String(format: "p%02d", index)
            files["profiles/\(id).yaml"] = index % 7 == 3
                ? "kind: cluster\ntopics:\n  - name: T\n    keywords: [\"*\"]\n"
                : "kind: cluster\ntopics:\n  - name: T\n    keywords: [mot\(index), autre]\n"
        }
        let folder = try ConfigFolder(files: files)
        var reports: [[String]] = []
        for _ in 0..<3 {
            do {
                _ = try Configuration.load(directory: folder.url)
                Issue.record("a configuration with invalid terms loaded")
            } catch {
                reports.append(error.issues.map(\.file))
            }
        }
        let invalid = (0..<60).filter { $0 % 7 == 3 }.map { folder.path(String(format: "profiles/p%02d.yaml", $0)) }
        #expect(reports.allSatisfy { $0 == invalid })

        for index in 0..<60 where index % 7 == 3 {
            files["profiles/\(String(format: "p%02d", index)).yaml"] = "kind: cluster\ntopics:\n  - name: T\n    keywords: [mot]\n"
        }
        let valid = try ConfigFolder(files: files)
        let ids = try Configuration.load(directory: valid.url).profiles.map(\.id)
        #expect(ids == (0..<60).map { String(format: "p%02d", $0) })
    }
}
