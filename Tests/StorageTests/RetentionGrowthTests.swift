import Foundation
import Model
import PostgresTestSupport
import Storage
import Testing

@Suite("Retention under a steady feed")
struct RetentionGrowthTests {
    private static let day: TimeInterval = 86_400
    private static let itemsPerDay = 24
    private static let days = 60
    private static let content: TimeInterval = 10 * day
    private static let identity: TimeInterval = 20 * day

    /// What the database holds at the end of a simulated day.
    struct Size: Equatable, CustomStringConvertible {
        var items: Int64
        var prunedItems: Int64
        var matches: Int64
        var bands: Int64
        var digests: Int64
        /// SQLite's page count (free pages included); nil on PostgreSQL.
        var pages: Int64?

        var description: String {
            "items=\(items) pruned=\(prunedItems) matches=\(matches) bands=\(bands) digests=\(digests) pages=\(pages.map(String.init) ?? "-")"
        }
    }

    @Test(
        "60 days of a steady feed, pruned daily with a content limit of 10 days and an identity limit of 20: from day 30 on, the database stops growing",
        arguments: StoreBackend.allCases)
    func sizeStopsGrowing(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open(declaring: [source("a"), source("b")])
            var sizes: [Int: Size] = [:]
            for day in 0..<Self.days {
                let start = t0.addingTimeInterval(Double(day) * Self.day)
                for (hour, name) in ["a", "b", "a", "b"].enumerated() {
                    let fetchedAt = start.addingTimeInterval(Double(hour + 1) * 3600)
                    let numbers = (0..<Self.itemsPerDay / 4).map { (day * Self.itemsPerDay) + hour * Self.itemsPerDay / 4 + $0 }
                    let summary = try await store.record(fetch(name, at: fetchedAt, numbers.map(Self.item)))
                    #expect(summary.newItems == numbers.count)
                }
                let end = start.addingTimeInterval(Self.day - 1)
                let period = try #require(DigestPeriod(year: 2027, month: 1 + day / 28, day: 1 + day % 28)).description
                let selection = try await store.digestSelection(profile: "h2", period: period, matchedBefore: end, limit: Int.max)
                try await store.commitDigest(profile: "h2", period: period, matchIDs: selection.matchIDs, paths: [], writtenAt: end)
                try await store.markDigestWritten(profile: "h2", period: period, paths: [], writtenAt: end)
                var pruned = PruneSummary()
                repeat {
                    pruned = try await store.prune(
                        contentBefore: end.addingTimeInterval(-Self.content), identityBefore: end.addingTimeInterval(-Self.identity), now: end,
                        batch: 500)
                } while pruned.more
                if [10, 20, 30, 45, 59].contains(day) { sizes[day] = try await Self.size(of: database) }
            }
            let (day30, day59) = (try #require(sizes[30]), try #require(sizes[59]))
            // Items stay for the identity limit (20 days of them, 21 counting the day being recorded), text and
            // matches for the content limit.
            #expect(day30.items == day59.items, "\(sizes)")
            #expect(day59.items <= Int64(21 * Self.itemsPerDay), "\(sizes)")
            #expect(day30.matches == day59.matches, "\(sizes)")
            #expect(day59.matches <= Int64(11 * Self.itemsPerDay / 2), "\(sizes)")
            #expect(day30.digests == day59.digests, "\(sizes)")
            // The near-duplicate index holds the last seven days only, at any age of the database.
            #expect(try #require(sizes[10]).bands == day59.bands, "\(sizes)")
            if let pages30 = day30.pages, let pages59 = day59.pages {
                #expect(Double(pages59) <= Double(pages30) * 1.02, "freed pages are reused: \(sizes)")
                #expect(pages59 < Int64(Double(try #require(sizes[20]?.pages)) * 1.1), "\(sizes)")
            }
        }
    }

    /// Item `number` of the feed: its own words, so that no two items fold as near-duplicates; every other
    /// one matched by profile `h2`.
    static func item(_ number: Int) -> ItemWithMatches {
        var state = UInt64(number) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let words = (0..<90).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return vocabulary[Int(state >> 33) % vocabulary.count] + String(state >> 60)
        }
        let item = FeedItem(
            id: "urn:uuid:item-\(number)", title: "Actualité \(number) " + words.prefix(6).joined(separator: " "),
            link: "https://a.example/actualite/\(number)", published: t0, author: "Rédaction",
            summaryText: words.joined(separator: " "), categories: ["énergie", "territoire"])
        return ItemWithMatches(item: item, matches: number % 2 == 0 ? [match("h2", 2)] : [])
    }

    private static let vocabulary = [
        "hydrogène", "éolien", "région", "usine", "emploi", "projet", "financement", "innovation", "territoire", "filière",
        "recherche", "industrie", "énergie", "transport", "port", "batterie", "réseau", "chaleur", "biomasse", "solaire",
        "stockage", "électrolyse", "mobilité", "collectivité", "appel", "programme", "subvention", "entreprise", "laboratoire", "brevet",
    ]

    private static func size(of database: FreshDatabase) async throws -> Size {
        // SQLite keeps an item's band keys in one row, PostgreSQL one row per key.
        let bands = database.backend == .sqlite ? "item_band_keys" : "item_bands"
        let counts = [
            "SELECT count(*) FROM items", "SELECT count(*) FROM items WHERE pruned_at IS NOT NULL", "SELECT count(*) FROM matches",
            "SELECT count(*) FROM \(bands)", "SELECT count(*) FROM digests",
        ]
        var values: [Int64] = []
        switch database.backend {
        case .sqlite:
            for sql in counts + ["PRAGMA page_count"] { values.append(try SQLiteFile.number(database.path, sql)) }
        case .postgresql:
            for sql in counts { values.append(try await PostgresTestServer.administer(database.location, sql) ?? -1) }
        }
        return Size(
            items: values[0], prunedItems: values[1], matches: values[2], bands: values[3], digests: values[4],
            pages: values.count > 5 ? values[5] : nil)
    }
}
