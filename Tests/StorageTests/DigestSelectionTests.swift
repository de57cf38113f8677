import Foundation
import Model
import Storage
import Testing

@Suite("Selecting and committing digest matches")
struct DigestSelectionTests {
    /// Three matches for `xr` (scores 1, 3, 2) and one for `ia`, all recorded at `t0`.
    private func seededStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a")], now: t0)
        _ = try await store.record(fetch("a", [
            entry(guid: "g1", link: "https://a.example/1", title: "Un", matches: [match("xr", 1)]),
            entry(guid: "g2", link: "https://a.example/2", title: "Deux", matches: [match("xr", 3), match("ia", 5)]),
            entry(guid: "g3", link: "https://a.example/3", title: "Trois", matches: [match("xr", 2)]),
        ]))
        return store
    }

    private let cutoff = t0.addingTimeInterval(1)

    @Test("Candidates are the profile's unassigned matches, highest score first", arguments: StoreBackend.allCases)
    func candidatesRankedByScore(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let candidates = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            #expect(candidates.map(\.item.title) == ["Deux", "Trois", "Un"])
            #expect(candidates.allSatisfy { $0.match.profile == "xr" && $0.matchedAt == t0 })
        }
    }

    @Test("Matches recorded at or after the cutoff wait for the next period", arguments: StoreBackend.allCases)
    func cutoffExcludesLateMatches(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: t0).isEmpty)
        }
    }

    @Test("Matches committed to a period are not offered to another period", arguments: StoreBackend.allCases)
    func assignedMatchesStayWithTheirPeriod(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let first = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: first.map(\.matchID), paths: ["d/x.md"], writtenAt: cutoff)
            let later = t0.addingTimeInterval(86_400)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: later).isEmpty)
        }
    }

    @Test("Re-running a committed period returns the same set, without later matches", arguments: StoreBackend.allCases)
    func rerunningAPeriodIsStable(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let first = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: first.map(\.matchID), paths: [], writtenAt: cutoff)
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(600), [entry(guid: "g4", link: "https://a.example/4", matches: [match("xr", 9)])]))

            let again = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            #expect(again == first)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: again.map(\.matchID), paths: [], writtenAt: cutoff)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff) == first)
        }
    }

    @Test("Committing a match of another profile fails and assigns nothing", arguments: StoreBackend.allCases)
    func commitRejectsForeignMatches(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let ia = try await store.digestCandidates(profile: "ia", period: "2026-11-26", matchedBefore: cutoff)
            let xr = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            await #expect(throws: StorageError.self) {
                try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: xr.map(\.matchID) + ia.map(\.matchID), paths: [], writtenAt: cutoff)
            }
            await #expect(try store.pendingDigests().isEmpty)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: cutoff).count == 3)
        }
    }

    @Test("A selection holds the ids of every match of the digest but loads only the best ones", arguments: StoreBackend.allCases)
    func selectionLoadsOnlyTheBest(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let selection = try await store.digestSelection(profile: "xr", period: "2026-11-26", matchedBefore: cutoff, limit: 2)
            let all = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            #expect(selection.candidates == Array(all.prefix(2)))
            #expect(Set(selection.matchIDs) == Set(all.map(\.matchID)))
            #expect(selection.omitted == 1)
        }
    }

    @Test("Committing a selection assigns its unloaded matches too", arguments: StoreBackend.allCases)
    func commitAssignsTheUnloadedMatches(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let selection = try await store.digestSelection(profile: "xr", period: "2026-11-26", matchedBefore: cutoff, limit: 1)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: selection.matchIDs, paths: [], writtenAt: cutoff)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: t0.addingTimeInterval(86_400)).isEmpty)
            await #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff).count == 3)
        }
    }

    @Test("The latest digest period of each profile is compared as a date and bounded by the given day", arguments: StoreBackend.allCases)
    func latestDigestPeriods(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let today = try #require(DigestPeriod("2026-11-28"))
            await #expect(try store.latestDigestPeriods(of: .day, onOrBefore: today).isEmpty)
            for period in ["2026-11-27", "2026-11-26", "9999-12-31", "2026-02-30"] {
                try await store.commitDigest(profile: "xr", period: period, matchIDs: [], paths: [], writtenAt: cutoff)
            }
            try await store.commitDigest(profile: "ia", period: "2026-11-20", matchIDs: [], paths: [], writtenAt: cutoff)
            await #expect(try store.latestDigestPeriods(of: .day, onOrBefore: today) == ["xr": DigestPeriod("2026-11-27")!, "ia": DigestPeriod("2026-11-20")!])
        }
    }

    @Test("The first stored item is the one stored first, and there is none in a new store", arguments: StoreBackend.allCases)
    func firstItemStoredAt(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let empty = try await database.open()
            await #expect(try empty.firstItemStoredAt() == nil)
            let store = try await seededStore(database)
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(600), [entry(guid: "g9", link: "https://a.example/9")]))
            await #expect(try store.firstItemStoredAt() == t0)
        }
    }
}
