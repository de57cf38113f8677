import Foundation
import Model
import Storage
import Testing

/// A match belongs to at most one daily digest and at most one weekly digest of its profile: the two
/// schedules take their matches independently, each never twice.
@Suite("Daily and weekly digest membership")
struct DigestMembershipTests {
    /// Three matches for `xr`, recorded at `t0`.
    private func seededStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a")], now: t0)
        _ = try await store.record(fetch("a", [
            entry(guid: "g1", link: "https://a.example/1", title: "Un", matches: [match("xr", 1)]),
            entry(guid: "g2", link: "https://a.example/2", title: "Deux", matches: [match("xr", 3)]),
            entry(guid: "g3", link: "https://a.example/3", title: "Trois", matches: [match("xr", 2)]),
        ]))
        return store
    }

    private let cutoff = t0.addingTimeInterval(1)
    private let later = t0.addingTimeInterval(8 * 86_400)

    private func titles(_ store: any Store, _ period: String, before date: Date) async throws -> [String?] {
        try await store.digestCandidates(profile: "xr", period: period, matchedBefore: date).map(\.item.title)
    }

    @Test("A match in a daily digest is still offered to the weekly one, and the reverse", arguments: StoreBackend.allCases)
    func schedulesAreIndependent(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let daily = try await store.digestSelection(profile: "xr", period: "2026-11-26", matchedBefore: cutoff, limit: 10)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: daily.matchIDs, paths: [], writtenAt: cutoff)

            let weekly = try await store.digestSelection(profile: "xr", period: "2026-W48", matchedBefore: cutoff, limit: 10)
            #expect(Set(weekly.matchIDs) == Set(daily.matchIDs))
            try await store.commitDigest(profile: "xr", period: "2026-W48", matchIDs: weekly.matchIDs, paths: [], writtenAt: cutoff)

            #expect(try await titles(store, "2026-11-27", before: later).isEmpty, "no later day takes them again")
            #expect(try await titles(store, "2026-W49", before: later).isEmpty, "no later week takes them again")
            #expect(try await titles(store, "2026-11-26", before: cutoff) == ["Deux", "Trois", "Un"])
            #expect(try await titles(store, "2026-W48", before: cutoff) == ["Deux", "Trois", "Un"])
        }
    }

    @Test("A match in one weekly digest cannot be committed to another week, and nothing is assigned", arguments: StoreBackend.allCases)
    func aMatchIsInOneWeekOnly(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let first = try await store.digestSelection(profile: "xr", period: "2026-W48", matchedBefore: cutoff, limit: 10)
            try await store.commitDigest(profile: "xr", period: "2026-W48", matchIDs: Array(first.matchIDs.prefix(1)), paths: [], writtenAt: cutoff)
            await #expect(throws: StorageError.self) {
                try await store.commitDigest(profile: "xr", period: "2026-W49", matchIDs: first.matchIDs, paths: [], writtenAt: later)
            }
            #expect(try await titles(store, "2026-W49", before: later).count == 2, "the failed commit assigned none of the others")
            // The same match may still go to one day.
            try await store.commitDigest(profile: "xr", period: "2026-11-30", matchIDs: first.matchIDs, paths: [], writtenAt: later)
            await #expect(throws: StorageError.self) {
                try await store.commitDigest(profile: "xr", period: "2026-12-01", matchIDs: first.matchIDs, paths: [], writtenAt: later)
            }
        }
    }

    @Test("Committing a week again with fewer matches releases them for another week, not from their day", arguments: StoreBackend.allCases)
    func recommittingAWeekReleasesOnlyWeeklyMembership(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let all = try await store.digestSelection(profile: "xr", period: "2026-W48", matchedBefore: cutoff, limit: 10).matchIDs
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: all, paths: [], writtenAt: cutoff)
            try await store.commitDigest(profile: "xr", period: "2026-W48", matchIDs: all, paths: [], writtenAt: cutoff)
            try await store.commitDigest(profile: "xr", period: "2026-W48", matchIDs: [], paths: [], writtenAt: cutoff)

            #expect(try await titles(store, "2026-W49", before: later) == ["Deux", "Trois", "Un"])
            #expect(try await titles(store, "2026-11-27", before: later).isEmpty)
            #expect(try await titles(store, "2026-11-26", before: cutoff) == ["Deux", "Trois", "Un"])
        }
    }

    @Test("Pending digests of both kinds are listed, and the latest period of each kind is its own", arguments: StoreBackend.allCases)
    func pendingAndLatestPerKind(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await seededStore(database)
            let today = try #require(DigestPeriod("2026-11-30"))
            for period in ["2026-11-26", "2026-W48", "2026-W49", "2026-W50", "2026-11-29"] {
                try await store.commitDigest(profile: "xr", period: period, matchIDs: [], paths: [], writtenAt: cutoff)
            }
            await #expect(try store.latestDigestPeriods(of: .day, onOrBefore: today) == ["xr": DigestPeriod("2026-11-29")!])
            // W49 begins on Monday 30 November, today; W50 has not begun.
            await #expect(try store.latestDigestPeriods(of: .week, onOrBefore: today) == ["xr": DigestPeriod("2026-W49")!])
            await #expect(try Set(store.pendingDigests().map(\.period)) == ["2026-11-26", "2026-W48", "2026-W49", "2026-W50", "2026-11-29"])
        }
    }
}
