import Foundation
import Model
import Storage
import Testing

/// Several fetches recorded in one transaction: each as if recorded alone, and all or none of them.
@Suite struct BatchRecordTests {
    private func openStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a"), source("b")], now: t0)
        return store
    }

    @Test(
        "a failing fetch among fetches recorded together leaves every one of them unstored, validators included",
        arguments: StoreBackend.allCases)
    func oneFailureStoresNone(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let first = fetch("a", [entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)])])
            await #expect(throws: StorageError.self) {
                _ = try await store.record([first, fetch("undeclared")]) { _, _ in nil }
            }
            let state = try await #require(try store.sourceStates().first { $0.name == "a" })
            #expect(state.etag == nil && state.lastStatus == nil)
            await #expect(try store.record(first) == RecordSummary(newItems: 1, newMatches: 1))
        }
    }

    @Test(
        "fetches recorded together count each item once, in order, and each source is told its own summary",
        arguments: StoreBackend.allCases)
    func recordedInOrder(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let shared = entry(guid: "urn:uuid:shared", link: "https://a.example/1", matches: [match("xr", 2)])
            var told: [Int: RecordSummary] = [:]
            let summaries = try await store.record([fetch("a", [shared]), fetch("b", [shared])]) { index, summary in
                told[index] = summary
                return SourceSchedule(interval: 600, itemsPerDay: nil, nextDueAt: t0.addingTimeInterval(Double(600 * (index + 1))))
            }
            #expect(summaries == [RecordSummary(newItems: 1, newMatches: 1), RecordSummary(newItems: 0, newMatches: 0)])
            #expect(told == [0: summaries[0], 1: summaries[1]])
            let due = Dictionary(uniqueKeysWithValues: try await store.sourceStates().map { ($0.name, $0.nextDueAt) })
            #expect(due == ["a": t0.addingTimeInterval(600), "b": t0.addingTimeInterval(1200)])
        }
    }

    @Test(
        "the matches of fetches recorded together keep the first fetch's match of each profile, and each fetch counts and alerts its own",
        arguments: StoreBackend.allCases)
    func matchesOfSeveralFetches(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let shared = "urn:uuid:shared"
            var first = fetch("a", [
                entry(guid: shared, link: "https://a.example/1", matches: [match("zz", 1), match("aa", 70)]),
                entry(guid: "g2", link: "https://a.example/2", matches: [match("aa", 2)]),
            ])
            first.alertScores = ["aa": 60, "mm": 60]
            var second = fetch("b", at: t0 + 10, [entry(guid: shared, link: "https://b.example/1", matches: [match("aa", 90), match("mm", 80)])])
            second.alertScores = first.alertScores
            let summaries = try await store.record([first, second]) { _, _ in nil }
            #expect(summaries.map(\.newMatches) == [3, 1])
            #expect(summaries.map(\.newAlerts) == [1, 1])
            let later = t0.addingTimeInterval(60)
            await #expect(try store.digestCandidates(profile: "aa", period: "2026-11-26", matchedBefore: later).map(\.match.score) == [70, 2])
            let added = try await store.digestCandidates(profile: "mm", period: "2026-11-26", matchedBefore: later)
            #expect(added.map(\.match.score) == [80])
            #expect(added.map(\.matchedAt) == [t0 + 10])
            let alerts = try await store.claimAlerts(.pending, owner: "me", now: later, until: later + 60, limit: 10)
            #expect(alerts.map(\.profile) == ["aa", "mm"])
            #expect(alerts.map(\.score) == [70, 80])
        }
    }
    @Test(
        "each match keeps the topics, terms and surfaces its profile found, whether the profiles of an item found the same words or not",
        arguments: StoreBackend.allCases)
    func evidenceOfEachMatch(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let title = MatchedSurface(field: .title, text: "casque")
            let quoted = MatchedSurface(field: .summary, text: "\"réalité\" mixte\n")
            func found(_ profile: String, _ terms: [String], _ surfaces: [MatchedSurface]) -> Match {
                Match(profile: profile, score: 10, topics: ["XR"], terms: terms, surfaces: surfaces)
            }
            let items = [
                entry(guid: "g1", link: "https://a.example/1", matches: [
                    found("bb", ["casque"], [title]), found("aa", ["casque"], [title]), found("cc", ["réalité mixte"], [quoted]),
                    found("dd", ["casque"], [title]),
                ]),
                entry(guid: "g2", link: "https://a.example/2", matches: [found("aa", ["casque"], [title]), found("bb", [], [])]),
            ]
            _ = try await store.record([fetch("a", items), fetch("b", [entry(guid: "g3", link: nil, matches: [found("cc", ["casque"], [title])])])]) { _, _ in nil }
            let later = t0.addingTimeInterval(60)
            var evidence: [String: [[String]]] = [:]
            for profile in ["aa", "bb", "cc", "dd"] {
                for candidate in try await store.digestCandidates(profile: profile, period: "2026-11-26", matchedBefore: later) {
                    evidence[profile, default: []].append(candidate.match.terms + candidate.match.surfaces.map { "\($0.field.rawValue):\($0.text)" })
                }
            }
            #expect(evidence["aa"]?.sorted { $0.lexicographicallyPrecedes($1) } == [["casque", "title:casque"], ["casque", "title:casque"]])
            #expect(evidence["bb"]?.sorted { $0.lexicographicallyPrecedes($1) } == [[], ["casque", "title:casque"]])
            #expect(evidence["cc"]?.sorted { $0.lexicographicallyPrecedes($1) } == [["casque", "title:casque"], ["réalité mixte", "summary:\"réalité\" mixte\n"]])
            #expect(evidence["dd"] == [["casque", "title:casque"]])
        }
    }
    @Test("SQLite numbers a transaction's matches by profile, then in the order they were recorded")
    func sqliteMatchOrder() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.syncSources([source("a"), source("b")], now: t0)
        let profiles = ["p3", "p10", "p1", "p2", "p10", "p3"]
        var items: [ItemWithMatches] = []
        for (index, profile) in profiles.enumerated() {
            items.append(entry(guid: "g\(index)", link: nil, matches: [match(profile, Double(index)), match("p0", Double(index))]))
        }
        _ = try await store.record([fetch("a", Array(items[..<3])), fetch("b", Array(items[3...]))]) { _, _ in nil }
        var numbered: [(id: Int64, profile: String, score: Double)] = []
        for profile in Set(profiles + ["p0"]) {
            for candidate in try await store.digestCandidates(profile: profile, period: "2026-11-26", matchedBefore: t0 + 60) {
                numbered.append((candidate.matchID, profile, candidate.match.score))
            }
        }
        let inOrder = numbered.sorted { $0.id < $1.id }.map { "\($0.profile)/\(Int($0.score))" }
        #expect(inOrder == ["p0/0", "p0/1", "p0/2", "p0/3", "p0/4", "p0/5", "p1/2", "p10/1", "p10/4", "p2/3", "p3/0", "p3/5"])
    }
}
