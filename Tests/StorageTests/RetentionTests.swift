import Foundation
import Model
import Storage
import Testing

@Suite("Retention")
struct RetentionTests {
    private let day: TimeInterval = 86_400
    private let evergreen = FeedItem(
        id: "urn:uuid:programme-regional", title: "Programme régional hydrogène", link: "https://a.example/programme",
        published: t0, author: "Région", summaryText: "Le programme finance les projets d'hydrogène vert.", categories: ["énergie"])

    private func openStore(_ database: FreshDatabase) async throws -> any Store {
        try await database.open(declaring: [source("a"), source("b")])
    }

    /// Assigns every match of `profile` made before `cutoff` to the digest of `period`, written unless `pending`.
    private func writeDigest(_ store: any Store, profile: String, period: String, before cutoff: Date, pending: Bool = false) async throws {
        let selection = try await store.digestSelection(profile: profile, period: period, matchedBefore: cutoff, limit: Int.max)
        try await store.commitDigest(profile: profile, period: period, matchIDs: selection.matchIDs, paths: [], writtenAt: cutoff)
        if !pending { try await store.markDigestWritten(profile: profile, period: period, paths: [], writtenAt: cutoff) }
    }

    /// Prunes with the content limit at `contentBefore` and the identity limit at `identityBefore` until done.
    private func pruneAll(_ store: any Store, contentBefore: Date, identityBefore: Date, batch: Int = 500) async throws -> PruneSummary {
        var total = PruneSummary()
        repeat {
            total = total + (try await store.prune(contentBefore: contentBefore, identityBefore: identityBefore, now: contentBefore, batch: batch))
        } while total.more
        return total
    }

    @Test(
        "An evergreen page whose text was pruned is neither stored nor matched again, from its source or another",
        arguments: StoreBackend.allCases)
    func evergreenIsNotNewAgain(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: evergreen, matches: [match("h2", 3)])]))
            try await writeDigest(store, profile: "h2", period: "2026-11-26", before: t0.addingTimeInterval(1))

            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(11 * day), identityBefore: t0)
            #expect(pruned.itemsPruned == 1)
            #expect(pruned.matchesDeleted == 1)
            #expect(pruned.unassignedMatchesDeleted == 0)
            let stored = try #require(try await store.findItem("urn:uuid:programme-regional"))
            #expect(stored.item.summaryText == nil && stored.item.author == nil && stored.item.categories.isEmpty)
            #expect(stored.item.title == evergreen.title && stored.item.link == evergreen.link)

            await #expect(try store.unknownItems([evergreen], from: "a") == [false])
            await #expect(try store.unknownItems([evergreen], from: "b") == [false], "another source's copy would add its matches again")
            let later = t0.addingTimeInterval(12 * day)
            for name in ["a", "b"] {
                let again = try await store.record(fetch(name, at: later, [ItemWithMatches(item: evergreen, matches: [match("h2", 3)])]))
                #expect(again.newItems == 0 && again.newMatches == 0)
            }
            let offered = try await store.digestCandidates(profile: "h2", period: "2026-12-08", matchedBefore: later.addingTimeInterval(1))
            #expect(offered.isEmpty)
        }
    }

    @Test("Past the identity limit a pruned item is forgotten, and a page read again is new", arguments: StoreBackend.allCases)
    func forgottenItemIsNewAgain(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: evergreen, matches: [match("h2", 3)])]))
            let content = try await pruneAll(store, contentBefore: t0.addingTimeInterval(11 * day), identityBefore: t0)
            #expect(content.itemsForgotten == 0, "an item keeps its identity until the identity limit")
            let identity = try await pruneAll(store, contentBefore: t0.addingTimeInterval(31 * day), identityBefore: t0.addingTimeInterval(30 * day))
            #expect(identity.itemsForgotten == 1)
            await #expect(try store.findItem("urn:uuid:programme-regional") == nil)
            await #expect(try store.unknownItems([evergreen], from: "a") == [true])
        }
    }

    @Test("A match a weekly digest took is neither waiting nor counted unassigned when pruned", arguments: StoreBackend.allCases)
    func weeklyOnlyMatchIsAssigned(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:weekly", link: "https://a.example/w", matches: [match("h2", 3)])]))
            await #expect(try store.activity(since: .distantPast).pendingMatches == 1)
            try await writeDigest(store, profile: "h2", period: "2026-W48", before: t0.addingTimeInterval(1))
            await #expect(try store.activity(since: .distantPast).pendingMatches == 0)

            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(11 * day), identityBefore: t0)
            #expect(pruned.itemsPruned == 1)
            #expect(pruned.matchesDeleted == 1)
            #expect(pruned.unassignedMatchesDeleted == 0)
        }
    }

    @Test("A pending weekly digest keeps its matches and items", arguments: StoreBackend.allCases)
    func pendingWeeklyDigestIsKept(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:weekly", link: "https://a.example/w", matches: [match("h2", 3)])]))
            try await writeDigest(store, profile: "h2", period: "2026-W48", before: t0.addingTimeInterval(1), pending: true)
            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(11 * day), identityBefore: t0)
            #expect(pruned.itemsPruned == 0)
            let kept = try await store.digestCandidates(profile: "h2", period: "2026-W48", matchedBefore: t0.addingTimeInterval(1))
            #expect(kept.map(\.item.id) == ["urn:uuid:weekly"])
        }
    }

    @Test(
        "A pending digest keeps its matches and items; old unassigned matches are pruned and counted",
        arguments: StoreBackend.allCases)
    func pendingDigestIsKept(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:pending", link: "https://a.example/1", matches: [match("h2", 3)])]))
            try await writeDigest(store, profile: "h2", period: "2026-11-26", before: t0.addingTimeInterval(1), pending: true)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:unread", link: "https://a.example/2", matches: [match("mer", 2)])]))

            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(11 * day), identityBefore: t0.addingTimeInterval(11 * day))
            #expect(pruned.itemsPruned == 1)
            #expect(pruned.unassignedMatchesDeleted == 1)
            #expect(pruned.itemsForgotten == 1)
            await #expect(try store.pendingDigests() == [PendingDigest(profile: "h2", period: "2026-11-26")])
            let kept = try await store.digestCandidates(profile: "h2", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(1))
            #expect(kept.map(\.item.id) == ["urn:uuid:pending"])
            await #expect(try store.findItem("urn:uuid:unread") == nil)
        }
    }

    @Test("An old item matched lately through another source's copy keeps its text", arguments: StoreBackend.allCases)
    func recentCopyKeepsText(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [ItemWithMatches(item: evergreen)]))
            let copy = try await store.record(fetch("b", at: t0.addingTimeInterval(9 * day), [ItemWithMatches(item: evergreen, matches: [match("h2", 3)])]))
            #expect(copy.newMatches == 1)
            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(5 * day), identityBefore: t0)
            #expect(pruned.itemsPruned == 0)
            let candidates = try await store.digestCandidates(profile: "h2", period: "2026-12-05", matchedBefore: t0.addingTimeInterval(10 * day))
            #expect(candidates.map(\.item.summaryText) == [evergreen.summaryText])
        }
    }

    @Test(
        "Written digests whose matches are gone are deleted, except each profile's latest, which says what a stopped daemon owes",
        arguments: StoreBackend.allCases)
    func oldDigestsGo(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            for (index, period) in ["2026-11-26", "2026-11-27", "2026-11-28"].enumerated() {
                let at = t0.addingTimeInterval(Double(index) * day)
                _ = try await store.record(fetch("a", at: at, [entry(guid: "urn:uuid:\(period)", link: "https://a.example/\(period)", matches: [match("h2", 3)])]))
                try await writeDigest(store, profile: "h2", period: period, before: at.addingTimeInterval(1))
            }
            let pruned = try await pruneAll(store, contentBefore: t0.addingTimeInterval(20 * day), identityBefore: t0)
            #expect(pruned.itemsPruned == 3)
            #expect(pruned.digestsDeleted == 2)
            let day = try #require(DigestPeriod("2026-12-31"))
            await #expect(try store.latestDigestPeriods(of: .day, onOrBefore: day) == ["h2": try #require(DigestPeriod("2026-11-28"))])
        }
    }

    @Test("Each call prunes one bounded batch and says when more is left", arguments: StoreBackend.allCases)
    func batchesAreBounded(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", (1...5).map { entry(guid: "urn:uuid:\($0)", link: "https://a.example/\($0)") }))
            let cutoff = t0.addingTimeInterval(11 * day)
            var calls: [PruneSummary] = []
            repeat {
                calls.append(try await store.prune(contentBefore: cutoff, identityBefore: t0, now: cutoff, batch: 2))
            } while calls.last?.more == true && calls.count < 10
            #expect(calls.map(\.itemsPruned) == [2, 2, 1])
            #expect(calls.map(\.more) == [true, true, false])
            let again = try await store.prune(contentBefore: cutoff, identityBefore: t0, now: cutoff, batch: 2)
            #expect(again == PruneSummary(), "pruning what is pruned already changes nothing")
        }
    }

    @Test("A forgotten story's later copies stay, as stories of their own", arguments: StoreBackend.allCases)
    func forgottenStoryKeepsItsCopies(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 4)])]))
            let copy = try await store.record(fetch("b", at: t0.addingTimeInterval(2 * day), [Releases.copy(on: "b", matches: [match("h2", 4)], variant: 1)]))
            #expect(copy.nearDuplicates == 1)
            let cutoff = t0.addingTimeInterval(day)
            let pruned = try await pruneAll(store, contentBefore: cutoff, identityBefore: cutoff)
            #expect(pruned.itemsForgotten == 1)
            let later = t0.addingTimeInterval(3 * day)
            let candidates = try await store.digestCandidates(profile: "h2", period: "2026-11-28", matchedBefore: later)
            #expect(candidates.map(\.source) == ["b"])
        }
    }
}
