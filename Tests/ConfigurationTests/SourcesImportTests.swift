import Configuration
import Model
import Testing

@Suite struct SourcesImportTests {
    static func plan(_ subscriptions: [Subscription], existing: [Source] = [], extraTags: [String] = []) -> SourcesImport {
        SourcesImport.plan(subscriptions, existing: existing, extraTags: extraTags, interval: 3600)
    }

    @Test("names are slugs of the titles: lowercase ASCII words joined by dashes, accents folded")
    func namesFromTitles() {
        let plan = Self.plan([
            Subscription(title: "Le Monde — Planète", feedURL: "https://a.example/1"),
            Subscription(title: "  Œuvres & Techniques de l'Ingénieur!  ", feedURL: "https://a.example/2"),
            Subscription(title: "", feedURL: "https://News.Example.org/rss"),
            Subscription(title: "★★★", feedURL: "https://[::1]/rss"),
            Subscription(title: String(repeating: "très long titre ", count: 10), feedURL: "https://a.example/3"),
        ])
        #expect(plan.added.map(\.name) == [
            "le-monde-planete", "oeuvres-techniques-de-l-ingenieur", "news-example-org", "1",
            "tres-long-titre-tres-long-titre-tres-long-titre",
        ])
        #expect(plan.skipped.isEmpty)
    }

    @Test("a name already taken, by a configured source or earlier in the file, gets -2, -3…")
    func nameCollisions() {
        let plan = Self.plan(
            [
                Subscription(title: "Gazette", feedURL: "https://a.example/1"),
                Subscription(title: "gazette", feedURL: "https://a.example/2"),
                Subscription(title: "Gazette 2", feedURL: "https://a.example/3"),
            ],
            existing: [Source(name: "gazette", url: "https://z.example/feed")])
        #expect(plan.added.map(\.name) == ["gazette-2", "gazette-3", "gazette-2-2"])
    }

    @Test("a URL already configured or earlier in the file is skipped, compared with scheme and host lowercased and no trailing slash")
    func duplicates() {
        let plan = Self.plan(
            [
                Subscription(title: "A", feedURL: "HTTPS://Example.org:443/feed/", line: 3),
                Subscription(title: "B", feedURL: "https://b.example/rss", line: 4),
                Subscription(title: "B again", feedURL: "https://B.example/rss/", line: 9),
                Subscription(title: "B other path", feedURL: "https://b.example/RSS", line: 10),
            ],
            existing: [Source(name: "pole-mer", url: "https://example.org/feed")])
        #expect(plan.added.map(\.name) == ["b", "b-other-path"])
        #expect(plan.skipped.map(\.reason) == [.alreadyConfigured(source: "pole-mer"), .repeated(line: 4)])
        #expect(plan.skipped.map(\.subscription.title) == ["A", "B again"])
    }

    @Test("a URL sources.yaml would refuse is skipped with the reader's own message")
    func invalidURLs() {
        let plan = Self.plan([
            Subscription(title: "js", feedURL: "javascript:alert(1)"),
            Subscription(title: "file", feedURL: "file:///etc/passwd"),
            Subscription(title: "space", feedURL: "https://a.example/a feed"),
            Subscription(title: "relative", feedURL: "/feed.xml"),
            Subscription(title: "no host", feedURL: "https:///feed"),
        ])
        #expect(plan.added.isEmpty)
        #expect(plan.skipped.map(\.reason) == [
            .invalidURL("unsupported URL scheme 'javascript'; expected http or https"),
            .invalidURL("unsupported URL scheme 'file'; expected http or https"),
            .invalidURL("the URL holds a space; write it as %20"),
            .invalidURL("invalid URL '/feed.xml'; expected an absolute http or https URL"),
            .invalidURL("URL 'https:///feed' has no host"),
        ])
    }

    @Test("tags come from every folder around a feed, its category paths and the extra tags, slugified, once each")
    func tags() {
        let plan = Self.plan(
            [Subscription(
                title: "H2", feedURL: "https://a.example/1", folders: ["Énergie", "Hydrogène"],
                categories: ["/Hydrogène/Mobilité", "transport"])],
            extraTags: ["Import Feedly", "énergie"])
        #expect(plan.added.first?.tags == ["energie", "hydrogene", "mobilite", "transport", "import-feedly"])
    }
}
