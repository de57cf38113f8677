import Foundation
import Model
import Storage
import Testing

@Suite("Reading the items of a window a page at a time")
struct ItemPageTests {
    /// Items 1…7 of source `a`, one fetch a day from `t0`; odd ones matched by `xr` with score 10 + n, every
    /// third one by `ia`.
    private func storeSevenDays(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a")], now: t0)
        for day in 1...7 {
            var matches: [Match] = []
            if day % 2 == 1 { matches.append(match("xr", Double(10 + day))) }
            if day % 3 == 0 { matches.append(match("ia", 1)) }
            let item = entry(guid: "g\(day)", link: "https://a.example/\(day)", title: "Article numéro \(day) sur un sujet \(day * 7919)", matches: matches)
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(Double(day) * 86_400), [item]))
        }
        return store
    }

    /// Every page of `span`, read `limit` at a time as a caller moves its cursor.
    private func allPages(_ store: any Store, since: Date, span: ItemSpan, limit: Int, profile: String) async throws -> [[ScoredItem]] {
        var pages: [[ScoredItem]] = []
        var remaining = span.ids
        while let ids = remaining {
            let page = try await store.itemPage(seenSince: since, ids: ids, limit: limit, scoresOf: profile)
            pages.append(page)
            guard page.count == limit, let last = page.last?.stored.id, last < ids.upperBound else { break }
            remaining = (last + 1)...ids.upperBound
        }
        return pages
    }

    @Test("The span counts the items first stored since an instant and bounds their row ids", arguments: StoreBackend.allCases)
    func spanOfAWindow(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await storeSevenDays(database)
            let span = try await store.itemSpan(seenSince: t0.addingTimeInterval(3 * 86_400))
            #expect(span.count == 5)
            let ids = try #require(span.ids)
            await #expect(try store.item(id: ids.lowerBound)?.id == "g3")
            await #expect(try store.item(id: ids.upperBound)?.id == "g7")
            await #expect(try store.itemSpan(seenSince: t0.addingTimeInterval(8 * 86_400)) == ItemSpan(count: 0, ids: nil))
        }
    }

    @Test(
        "Pages give each item of the window once, in row-id order, with the score of the profile's match or none",
        arguments: StoreBackend.allCases)
    func pagesCoverTheWindowOnce(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await storeSevenDays(database)
            let since = t0.addingTimeInterval(2 * 86_400)
            let span = try await store.itemSpan(seenSince: since)
            let pages = try await allPages(store, since: since, span: span, limit: 2, profile: "xr")
            #expect(pages.map(\.count) == [2, 2, 2])
            let items = pages.flatMap { $0 }
            #expect(items.map(\.stored.item.id) == ["g2", "g3", "g4", "g5", "g6", "g7"])
            #expect(items.map(\.matchScore) == [nil, 13, nil, 15, nil, 17])
            #expect(items.map(\.stored.source).allSatisfy { $0 == "a" })
            #expect(items.first?.firstSeenAt == t0.addingTimeInterval(2 * 86_400))
            #expect(items.first?.stored.item.title == "Article numéro 2 sur un sujet 15838")
            let ia = try await allPages(store, since: since, span: span, limit: 500, profile: "ia").flatMap { $0 }
            #expect(ia.map(\.matchScore) == [nil, 1, nil, nil, 1, nil])
        }
    }

    @Test("Items stored after the span was taken are not in its pages", arguments: StoreBackend.allCases)
    func spanIsFixedWhenTaken(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await storeSevenDays(database)
            let span = try await store.itemSpan(seenSince: t0)
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(9 * 86_400), [entry(guid: "late", link: "https://a.example/late")]))
            let items = try await allPages(store, since: t0, span: span, limit: 3, profile: "xr").flatMap { $0 }
            #expect(items.count == span.count)
            #expect(!items.contains { $0.stored.item.id == "late" })
        }
    }
}
