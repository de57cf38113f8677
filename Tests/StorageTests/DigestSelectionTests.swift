import Foundation
import Model
import Storage
import Testing

@Suite("Selecting and committing digest matches")
struct DigestSelectionTests {
    /// Three matches for `xr` (scores 1, 3, 2) and one for `ia`, all recorded at `t0`.
    private func seededStore(_ database: borrowing TemporaryDatabase) throws -> SQLiteStore {
        let store = try database.open()
        try store.syncSources([source("a")], now: t0)
        _ = try store.record(fetch("a", [
            entry(guid: "g1", link: "https://a.example/1", title: "Un", matches: [match("xr", 1)]),
            entry(guid: "g2", link: "https://a.example/2", title: "Deux", matches: [match("xr", 3), match("ia", 5)]),
            entry(guid: "g3", link: "https://a.example/3", title: "Trois", matches: [match("xr", 2)]),
        ]))
        return store
    }

    private let cutoff = t0.addingTimeInterval(1)

    @Test("Candidates are the profile's unassigned matches, highest score first")
    func candidatesRankedByScore() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let candidates = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        #expect(candidates.map(\.item.title) == ["Deux", "Trois", "Un"])
        #expect(candidates.allSatisfy { $0.match.profile == "xr" && $0.matchedAt == t0 })
    }

    @Test("Matches recorded at or after the cutoff wait for the next period")
    func cutoffExcludesLateMatches() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: t0).isEmpty)
    }

    @Test("Matches committed to a period are not offered to another period")
    func assignedMatchesStayWithTheirPeriod() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let first = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        try store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: first.map(\.matchID), paths: ["d/x.md"], writtenAt: cutoff)
        let later = t0.addingTimeInterval(86_400)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: later).isEmpty)
    }

    @Test("Re-running a committed period returns the same set, without later matches")
    func rerunningAPeriodIsStable() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let first = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        try store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: first.map(\.matchID), paths: [], writtenAt: cutoff)
        _ = try store.record(fetch("a", at: t0.addingTimeInterval(600), [entry(guid: "g4", link: "https://a.example/4", matches: [match("xr", 9)])]))

        let again = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        #expect(again == first)
        try store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: again.map(\.matchID), paths: [], writtenAt: cutoff)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff) == first)
    }

    @Test("Committing a match of another profile fails and assigns nothing")
    func commitRejectsForeignMatches() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let ia = try store.digestCandidates(profile: "ia", period: "2026-11-26", matchedBefore: cutoff)
        let xr = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        #expect(throws: StorageError.self) {
            try store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: xr.map(\.matchID) + ia.map(\.matchID), paths: [], writtenAt: cutoff)
        }
        #expect(try store.pendingDigests().isEmpty)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: cutoff).count == 3)
    }

    @Test("A selection holds the ids of every match of the digest but loads only the best ones")
    func selectionLoadsOnlyTheBest() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let selection = try store.digestSelection(profile: "xr", period: "2026-11-26", matchedBefore: cutoff, limit: 2)
        let all = try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
        #expect(selection.candidates == Array(all.prefix(2)))
        #expect(Set(selection.matchIDs) == Set(all.map(\.matchID)))
        #expect(selection.omitted == 1)
    }

    @Test("Committing a selection assigns its unloaded matches too")
    func commitAssignsTheUnloadedMatches() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let selection = try store.digestSelection(profile: "xr", period: "2026-11-26", matchedBefore: cutoff, limit: 1)
        try store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: selection.matchIDs, paths: [], writtenAt: cutoff)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: t0.addingTimeInterval(86_400)).isEmpty)
        #expect(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff).count == 3)
    }

    @Test("The latest digest period of each profile is compared as a date and bounded by the given day")
    func latestDigestPeriods() throws {
        let database = try TemporaryDatabase()
        let store = try seededStore(database)
        let today = try #require(DigestPeriod("2026-11-28"))
        #expect(try store.latestDigestPeriods(onOrBefore: today).isEmpty)
        for period in ["2026-11-27", "2026-11-26", "9999-12-31", "2026-02-30"] {
            try store.commitDigest(profile: "xr", period: period, matchIDs: [], paths: [], writtenAt: cutoff)
        }
        try store.commitDigest(profile: "ia", period: "2026-11-20", matchIDs: [], paths: [], writtenAt: cutoff)
        #expect(try store.latestDigestPeriods(onOrBefore: today) == ["xr": DigestPeriod("2026-11-27")!, "ia": DigestPeriod("2026-11-20")!])
    }

    @Test("The first stored item is the one stored first, and there is none in a new store")
    func firstItemStoredAt() throws {
        let database = try TemporaryDatabase()
        let empty = try database.open()
        #expect(try empty.firstItemStoredAt() == nil)
        let store = try seededStore(database)
        _ = try store.record(fetch("a", at: t0.addingTimeInterval(600), [entry(guid: "g9", link: "https://a.example/9")]))
        #expect(try store.firstItemStoredAt() == t0)
    }
}
