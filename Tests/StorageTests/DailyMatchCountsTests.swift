import Foundation
import Model
import Storage
import Testing

@Suite("Matches per day for digest trends")
struct DailyMatchCountsTests {
    private let paris = TimeZone(identifier: "Europe/Paris")!

    private func day(_ text: String) -> DigestPeriod { DigestPeriod(text)! }

    private func topical(_ profile: String, _ topics: [String]) -> Match {
        Match(profile: profile, score: 2, topics: topics, terms: ["casque"])
    }

    /// t0 is 2026-11-18 11:06 UTC (12:06 in Paris); t0 + 12 h is 23:06 UTC, already the 19th in Paris.
    private func seededStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a")], now: t0)
        _ = try await store.record(fetch("a", at: t0.addingTimeInterval(-40 * 86_400), [
            entry(guid: "old", link: "https://a.example/old", matches: [topical("xr", ["XR"])]),
        ]))
        _ = try await store.record(fetch("a", at: t0, [
            entry(guid: "g1", link: "https://a.example/1", matches: [topical("xr", ["XR"]), topical("ia", ["IA"])]),
            entry(guid: "g2", link: "https://a.example/2", matches: [topical("xr", ["XR", "Export <b>\"1\""])]),
            entry(guid: "g3", link: "https://a.example/3", matches: [topical("xr", [])]),
        ]))
        _ = try await store.record(fetch("a", at: t0.addingTimeInterval(12 * 3600), [
            entry(guid: "g4", link: "https://a.example/4", matches: [topical("xr", ["Export <b>\"1\""])]),
        ]))
        return store
    }

    @Test("Matches are counted per local day, in all and under each of their topics", arguments: StoreBackend.allCases)
    func countsPerDayAndTopic(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let counts = try await store.dailyMatchCounts(profile: "xr", since: t0.addingTimeInterval(-30 * 86_400), timeZone: paris)
            #expect(counts.total == [day("2026-11-18"): 3, day("2026-11-19"): 1])
            #expect(counts.byTopic == [
                "XR": [day("2026-11-18"): 2],
                "Export <b>\"1\"": [day("2026-11-18"): 1, day("2026-11-19"): 1],
            ])
        }
    }

    @Test("The day of a match follows the time zone asked for", arguments: StoreBackend.allCases)
    func timeZoneDecidesTheDay(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let counts = try await store.dailyMatchCounts(
                profile: "xr", since: t0.addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "America/New_York")!)
            #expect(counts.total == [day("2026-11-18"): 4])
        }
    }

    @Test("Matches before the window and other profiles' matches are not counted", arguments: StoreBackend.allCases)
    func windowAndProfileBound(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let recent = try await store.dailyMatchCounts(profile: "xr", since: t0.addingTimeInterval(3600), timeZone: paris)
            #expect(recent.total == [day("2026-11-19"): 1])
            let other = try await store.dailyMatchCounts(profile: "ia", since: t0.addingTimeInterval(-86_400), timeZone: paris)
            #expect(other == DailyMatchCounts(total: [day("2026-11-18"): 1], byTopic: ["IA": [day("2026-11-18"): 1]]))
        }
    }

    @Test("Each digest's entry count is kept for the index, and refused for a digest never committed", arguments: StoreBackend.allCases)
    func entryCounts(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let selection = try await store.digestSelection(profile: "xr", period: "2026-11-18", matchedBefore: t0.addingTimeInterval(1), limit: 10)
            try await store.commitDigest(profile: "xr", period: "2026-11-18", matchIDs: selection.matchIDs, paths: [], writtenAt: t0)
            try await store.commitDigest(profile: "ia", period: "2026-11-18", matchIDs: [], paths: [], writtenAt: t0)
            #expect(try await store.digestEntryCounts().isEmpty)
            try await store.recordDigestEntries(profile: "xr", period: "2026-11-18", entries: selection.entryCount)
            #expect(selection.entryCount == 4, "the match of 40 days ago was never assigned, so it is this digest's too")
            #expect(try await store.digestEntryCounts() == ["2026-11-18": ["xr": 4]])
            await #expect(throws: StorageError.self) {
                try await store.recordDigestEntries(profile: "xr", period: "2026-11-19", entries: 1)
            }
        }
    }
}
