import Configuration
import Foundation
import Model
import Testing

@Suite("Configuration errors")
struct ConfigurationErrorTests {
    /// Loads the folder and returns the issue descriptions it fails with (empty if it loads).
    private func issues(_ folder: borrowing ConfigFolder) -> [String] {
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    private func profileFolder(_ profile: String) throws -> ConfigFolder {
        try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
    }

    @Test("An unknown key is located and a close known key suggested")
    func unknownKey() throws {
        let folder = try profileFolder("kind: cluster\ntopcs:\n  - name: A\n    keywords: [a]\n")
        let path = folder.path("profiles/p.yaml")
        #expect(issues(folder) == [
            "\(path):2:1: unknown key 'topcs'; did you mean 'topics'?",
            "\(path):1:1: missing key 'topics'",
        ])
    }

    @Test("An issue carries the 1-based line and column of the offending node")
    func issueFields() throws {
        let folder = try profileFolder("kind: cluster\ntopics:\n  - name: A\n    keywords: [a]\n    wieght: 2\n")
        do {
            _ = try Configuration.load(directory: folder.url)
            Issue.record("the configuration should not load")
        } catch {
            #expect(error.issues == [ConfigIssue(
                file: folder.path("profiles/p.yaml"), line: 5, column: 5, message: "unknown key 'wieght'; did you mean 'weight'?"
            )])
        }
    }

    @Test("An empty profile file is reported as a whole-file problem")
    func emptyFile() throws {
        let folder = try profileFolder("# nothing yet\n")
        #expect(issues(folder) == ["\(folder.path("profiles/p.yaml")): the file is empty"])
    }

    @Test("An unknown key with no close match lists the valid keys")
    func unknownKeyWithoutSuggestion() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "fetch:\n  parallelism: 3\n"])
        #expect(issues(folder) == [
            "\(folder.path("veilleur.yaml")):2:3: unknown key 'parallelism'; expected one of: "
                + "concurrency, per_host, timeout_seconds, connect_timeout_seconds, max_body_bytes, max_redirects, "
                + "max_items_per_fetch, max_new_items_per_day, min_interval, max_interval, proxy, min_host_delay, hosts",
        ])
    }

    @Test("Interval bounds the wrong way round are reported at the maximum")
    func intervalBoundsReversed() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "fetch:\n  min_interval: 2h\n  max_interval: 1h\n"])
        #expect(issues(folder) == [
            "\(folder.path("veilleur.yaml")):3:17: max_interval must be at least min_interval",
        ])
    }

    @Test("Interval bounds are read as durations")
    func intervalBoundsAreRead() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "fetch:\n  min_interval: 2m\n  max_interval: 6h\n"])
        let settings = try Configuration.load(directory: folder.url).settings
        #expect(settings.minInterval == 120 && settings.maxInterval == 21_600)
    }

    @Test("A source's own interval bounds are read, and reported at the maximum when the wrong way round")
    func sourceIntervalBounds() throws {
        let sources = """
            sources:
              - name: lent
                url: https://example.org/feed.xml
                min_interval: 1h
                max_interval: 2h
              - name: inverse
                url: https://example.org/other.xml
                min_interval: 1d
                max_interval: 1h
            """
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        #expect(issues(folder) == ["\(folder.path("sources.yaml")):9:19: max_interval must be at least min_interval"])
        let fine = try ConfigFolder(files: ["sources.yaml": sources.components(separatedBy: "  - name: inverse")[0]])
        let source = try #require(try Configuration.load(directory: fine.url).sources.first)
        #expect(source.minInterval == 3600 && source.maxInterval == 7200)
    }

    @Test("A fetch timeout too large to express in milliseconds is reported instead of crashing")
    func hugeTimeout() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "fetch:\n  timeout_seconds: 1e300\n"])
        #expect(issues(folder) == [
            "\(folder.path("veilleur.yaml")):2:20: timeout_seconds must be at most 86400, found 1e+300",
        ])
    }

    @Test("An interval longer than 30 days is reported instead of overflowing the schedule")
    func hugeInterval() throws {
        let sources = "sources:\n  - name: a\n    url: https://a.example/feed\n    interval: 1e300d\n"
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        #expect(issues(folder) == ["\(folder.path("sources.yaml")):4:15: interval must be at most 30d, found '1e300d'"])
    }

    @Test("A weight so large that scores would overflow is reported")
    func hugeWeight() throws {
        let folder = try profileFolder("kind: cluster\ntopics:\n  - name: A\n    weight: 1e300\n    keywords: [a]\n")
        #expect(issues(folder) == ["\(folder.path("profiles/p.yaml")):4:13: weight must be at most 1000, found 1e+300"])
    }

    @Test("A value of the wrong type names what was expected and what was found")
    func wrongType() throws {
        let folder = try profileFolder("kind: cluster\nmin_score: abc\ntopics:\n  - name: A\n    keywords: [a]\n")
        #expect(issues(folder) == ["\(folder.path("profiles/p.yaml")):2:12: expected a number, found 'abc'"])
    }

    @Test("A list where a number is expected is described as a list")
    func wrongTypeList() throws {
        let folder = try profileFolder("kind: cluster\nmax_items: [1, 2]\ntopics:\n  - name: A\n    keywords: [a]\n")
        #expect(issues(folder) == ["\(folder.path("profiles/p.yaml")):2:12: expected a whole number, found a list"])
    }

    @Test("A topic without keywords or phrases is reported at the topic")
    func emptyTopic() throws {
        let folder = try profileFolder("kind: cluster\ntopics:\n  - name: Vide\n    weight: 2\n  - name: B\n    keywords: [b]\n")
        #expect(issues(folder) == [
            "\(folder.path("profiles/p.yaml")):3:5: topic 'Vide' is empty; give it keywords (or any), phrases or all",
        ])
    }

    @Test("A duplicate source name points at the second one and at the first line")
    func duplicateSource() throws {
        let sources = """
            sources:
              - name: a
                url: https://a.example/feed
              - name: a
                url: https://b.example/feed
            """
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        #expect(issues(folder) == ["\(folder.path("sources.yaml")):4:11: duplicate source name 'a'; first declared at line 2"])
    }

    @Test("A URL that is not http or https is refused")
    func badScheme() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": "sources:\n  - name: a\n    url: ftp://a.example/feed\n"])
        #expect(issues(folder) == [
            "\(folder.path("sources.yaml")):3:10: unsupported URL scheme 'ftp'; expected http or https",
        ])
    }

    @Test("An unknown kind lists the valid kinds")
    func unknownKind() throws {
        let folder = try profileFolder("kind: clustre\ntopics:\n  - name: A\n    keywords: [a]\n")
        #expect(issues(folder) == [
            "\(folder.path("profiles/p.yaml")):1:7: unknown kind 'clustre'; expected one of: cluster, filière, territoire, entreprise",
        ])
    }

    @Test("A YAML syntax error carries libyaml's position and problem")
    func syntaxError() throws {
        let folder = try profileFolder("kind: cluster\ntopics: [a, b\nexclude: [c]\n")
        #expect(issues(folder) == [
            "\(folder.path("profiles/p.yaml")):3:8: YAML syntax error: did not find expected ',' or ']' "
                + "(while parsing a flow sequence at line 2, column 9)",
        ])
    }

    @Test("A duplicate key in one mapping is a syntax error located at the key")
    func duplicateKey() throws {
        let folder = try profileFolder("kind: cluster\nkind: filiere\ntopics:\n  - name: A\n    keywords: [a]\n")
        #expect(issues(folder) == ["\(folder.path("profiles/p.yaml")):1:1: duplicate key 'kind' in the same mapping"])
    }

    @Test("A profile naming an undeclared source gets a suggestion")
    func unknownSourceInProfile() throws {
        let folder = try profileFolder("""
            kind: cluster
            topics:
              - name: A
                keywords: [a]
            sources:
              weights: {pole-mr: 2}
            """)
        #expect(issues(folder) == [
            "\(folder.path("profiles/p.yaml")):6:13: unknown source 'pole-mr'; did you mean 'pole-mer'?",
        ])
    }

    @Test("A bad time of day and an unknown time zone are both reported")
    func badDigestSettings() throws {
        let folder = try ConfigFolder(files: [
            "sources.yaml": twoSources, "veilleur.yaml": "digest:\n  time: \"25:00\"\n  timezone: Mars/Olympus\n",
        ])
        let path = folder.path("veilleur.yaml")
        #expect(issues(folder) == [
            "\(path):2:9: expected a time of day as 'HH:MM' (00:00 to 23:59), found '25:00'",
            "\(path):3:13: unknown time zone 'Mars/Olympus'; expected an IANA identifier such as 'Europe/Paris' or 'UTC'",
        ])
    }

    @Test("A duration that cannot be read is reported with the accepted forms")
    func badDuration() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": "sources:\n  - {name: a, url: \"https://a.example/\", interval: soon}\n"])
        #expect(issues(folder) == [
            "\(folder.path("sources.yaml")):2:52: expected a duration such as '90s', '15m', '1h', '1d' or a number of seconds, found 'soon'",
        ])
    }

    @Test("A missing sources file and a missing profiles folder are reported by path")
    func missingFiles() throws {
        let folder = try ConfigFolder(files: [:], folders: [])
        #expect(issues(folder) == [
            "\(folder.path("sources.yaml")): missing sources file; create it with a 'sources:' list of feeds",
            "\(folder.path("profiles")): missing profiles folder; create it with one <id>.yaml file per profile",
        ])
    }

    @Test("Issues of every file are collected in one error")
    func collectsAcrossFiles() throws {
        let folder = try ConfigFolder(files: [
            "veilleur.yaml": "default_interval: never\n",
            "sources.yaml": "sources:\n  - name: a\n    url: gopher://a.example/\n",
            "profiles/p.yaml": "kind: clustre\nmax_items: many\ntopics: []\n",
        ])
        let found = issues(folder)
        #expect(found == [
            "\(folder.path("veilleur.yaml")):1:19: expected a duration such as '90s', '15m', '1h', '1d' or a number of seconds, found 'never'",
            "\(folder.path("sources.yaml")):3:10: unsupported URL scheme 'gopher'; expected http or https",
            "\(folder.path("profiles/p.yaml")):1:7: unknown kind 'clustre'; expected one of: cluster, filière, territoire, entreprise",
            "\(folder.path("profiles/p.yaml")):2:12: expected a whole number, found 'many'",
            "\(folder.path("profiles/p.yaml")):3:9: the profile has no topics; add at least one topic with keywords or phrases",
        ])
    }

    @Test("The error's description lists one issue per line")
    func errorDescription() {
        let error = ConfigurationError(issues: [
            ConfigIssue(file: "a.yaml", line: 2, column: 3, message: "first"),
            ConfigIssue(file: "b.yaml", line: 0, column: 0, message: "second"),
        ])
        #expect(error.description == "a.yaml:2:3: first\nb.yaml: second")
    }
}

extension ConfigurationErrorTests {
    @Test("An error about a URL shows it with its credentials masked, since errors reach logs")
    func urlErrorMasksCredentials() throws {
        let sources = "sources:\n  - name: a\n    url: \"https://reader:s3cretpw@/feed.xml?token=t0kenvalue\"\n"
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        let found = issues(folder)
        #expect(found.count == 1)
        #expect(found.allSatisfy { !$0.contains("s3cretpw") && !$0.contains("t0kenvalue") && $0.contains("***") })
    }
}
