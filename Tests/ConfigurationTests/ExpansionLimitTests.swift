import Configuration
import Foundation
import Model
import Testing

/// A few bytes of YAML can stand for billions of values through anchors and aliases; a configuration is
/// refused, at the place where it grows too large, long before anything visits that many values.
@Suite("Configuration size limits")
struct ExpansionLimitTests {
    private func issues(_ folder: borrowing ConfigFolder) -> [ConfigIssue] {
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues
        }
    }

    /// Nine levels of nine aliases, the last one used as a mapping key: 9⁹ values hashed and walked.
    static let nestedAliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        ? *i
        : boom
        """

    /// A topic of 1,000 words repeated by 999 aliases: a million terms from a 12 KB file.
    static let repeatedTopicBomb: String = {
        let words = (0..<1000).map { "w\($0)" }.joined(separator: ", ")
        let header = "kind: cluster\ntopics:\n  - &t\n    name: T\n    keywords: [\(words)]\n"
        return header + String(repeating: "  - *t\n", count: 999)
    }()

    @Test("Nested aliases are refused where the file outgrows its budget, without expanding them")
    func nestedAliases() throws {
        #expect(Self.nestedAliasBomb.utf8.count < 600)
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/bomb.yaml": Self.nestedAliasBomb])
        // Line f's first alias is the first to pass 100,000 values: a–e amount to 74,738 with their keys, e to 66,430.
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/bomb.yaml"), line: 6, column: 8,
            message: "the file holds more than 100000 values once its aliases are expanded; use fewer aliases or split the file"
        )])
    }

    @Test("A topic repeated by aliases is refused at the alias that passes the budget")
    func repeatedTopic() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/bomb.yaml": Self.repeatedTopicBomb])
        // The topic is 1,005 values (mapping, two keys, name, list, 1,000 words) and the file's first 10
        // lines hold 1,010: the 99th alias, on line 5 + 99, brings the total to 100,505.
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/bomb.yaml"), line: 104, column: 5,
            message: "the file holds more than 100000 values once its aliases are expanded; use fewer aliases or split the file"
        )])
    }

    @Test("An alias used as a mapping key is refused at the alias")
    func aliasAsKey() throws {
        let profile = "kind: cluster\nname: &n Nom\ntopics:\n  - name: A\n    keywords: [a]\n*n : oops\n"
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/p.yaml"), line: 6, column: 1,
            message: "an alias cannot be used in a mapping key; write the key out"
        )])
    }

    @Test("An alias nested inside a complex key is refused at the alias")
    func aliasInsideKey() throws {
        let profile = "kind: cluster\nlist: &l [a, b]\n? [x, *l]\n: oops\n"
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/p.yaml"), line: 3, column: 7,
            message: "an alias cannot be used in a mapping key; write the key out"
        )])
    }

    @Test("Long text repeated by aliases is refused once the expanded text passes 4 MiB")
    func repeatedText() throws {
        let long = String(repeating: "x", count: 100_000)
        let profile = "kind: cluster\ntopics:\n  - name: A\n    keywords: [&x \(long)]\n    phrases: [" +
            Array(repeating: "*x", count: 50).joined(separator: ", ") + "]\n"
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        // 100,000 bytes each: the anchor, the keys and 40 aliases stay within 4 MiB (4,194,304 bytes); the
        // 41st alias, at column 15 + 4 × 40, does not.
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/p.yaml"), line: 5, column: 175,
            message: "the file holds more than 4 MiB of text once its aliases are expanded; use fewer aliases or shorter values"
        )])
    }

    @Test("Aliases within the budget still share lists between topics")
    func aliasesWithinBudget() throws {
        let profile = """
            kind: cluster
            topics:
              - name: A
                keywords: &shared [hydrogène, électrolyseur]
              - name: B
                weight: 2
                keywords: *shared
            """
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        let topics = try #require(try Configuration.load(directory: folder.url).profiles.first?.topics)
        #expect(topics.map { $0.terms.map(\.text) } == [["hydrogène", "électrolyseur"], ["hydrogène", "électrolyseur"]])
    }

    @Test("A profile or settings file larger than 1 MiB is refused before it is parsed", arguments: ["veilleur.yaml", "profiles/p.yaml"])
    func largeFile(name: String) throws {
        let padding = "# " + String(repeating: "x", count: 1_048_576) + "\n"
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, name: padding])
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path(name), line: 0, column: 0,
            message: "the file is larger than 1 MiB, the most this configuration file may hold"
        )])
    }

    /// One source per line, `count` of them, each about 60 bytes.
    private static func sources(_ count: Int) -> String {
        "sources:\n" + (1...count).map { "  - {name: source-\($0), url: \"https://host-\($0 % 64).example/feed-\($0).xml\"}\n" }.joined()
    }

    @Test("A sources file of 20,000 sources, larger than the 1 MiB other files may hold, loads")
    func twentyThousandSources() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": Self.sources(20_000)])
        let configuration = try Configuration.load(directory: folder.url)
        #expect(configuration.sources.count == 20_000)
        #expect(configuration.sources.last?.url == "https://host-32.example/feed-20000.xml")
    }

    @Test("A sources file listing more than 50,000 sources is refused at its list")
    func tooManySources() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": Self.sources(50_001)])
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("sources.yaml"), line: 2, column: 3,
            message: "the file lists 50001 sources; at most 50000 are allowed"
        )])
    }

    @Test("A sources file larger than 32 MiB is refused before it is parsed")
    func largeSourcesFile() throws {
        let padding = "# " + String(repeating: "x", count: 32 << 20) + "\n"
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources + "\n" + padding])
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("sources.yaml"), line: 0, column: 0,
            message: "the file is larger than 32 MiB, the most this configuration file may hold"
        )])
    }

    @Test("Profiles holding more than 100,000 terms in all are refused at the term that passes the budget")
    func tooManyTerms() throws {
        let words = (0..<1000).map { "w\($0)" }.joined(separator: ", ")
        let profile = "kind: cluster\ntopics:\n  - &t\n    name: T\n    keywords: [\(words)]\n"
            + String(repeating: "  - *t\n", count: 59)
        let folder = try ConfigFolder(files: [
            "sources.yaml": twoSources, "profiles/a.yaml": profile, "profiles/b.yaml": profile,
        ])
        // a.yaml holds 60,000 terms; the 40,001st of b.yaml is the 1st word of its 41st topic, an alias of its first.
        #expect(issues(folder) == [ConfigIssue(
            file: folder.path("profiles/b.yaml"), line: 5, column: 16,
            message: "the profiles hold more than 100000 terms in all; remove terms or profiles"
        )])
    }
}
