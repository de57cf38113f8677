import Foundation
import Model
import Storage
import Testing

@Suite("Near-duplicates")
struct NearDuplicateTests {
    private let cutoff = t0.addingTimeInterval(1)
    private let day1 = "2026-11-26"

    private func openStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a"), source("b"), source("c"), source("apo")], now: t0)
        return store
    }

    @Test(
        "A release republished by another source is stored with its own link and source, as a copy of the first",
        arguments: StoreBackend.allCases)
    func republicationIsStoredAsACopy(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            await #expect(try store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 4)])])).nearDuplicates == 0)
            let second = try await store.record(fetch("b", [Releases.copy(on: "b", matches: [match("h2", 4)], variant: 3)]))
            #expect(second == RecordSummary(newItems: 1, newMatches: 1, nearDuplicates: 1))
            await #expect(try store.findItem("https://b.example/hydrogene-bouin")?.source == "b")
        }
    }

    @Test("Stories of one agency that share its footer and place names stay two entries", arguments: StoreBackend.allCases)
    func sharedFooterDoesNotFold(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let summary = try await store.record(fetch("apo", [
                Releases.agencyStory(1, matches: [match("mer", 2)]), Releases.agencyStory(2, matches: [match("mer", 2)]),
            ]))
            #expect(summary.nearDuplicates == 0)
            let selection = try await store.digestSelection(profile: "mer", period: day1, matchedBefore: cutoff, limit: 10)
            #expect(selection.entryCount == 2)
            #expect(selection.candidates.allSatisfy { $0.copies.isEmpty })
        }
    }

    @Test(
        "A story three sources carry is one entry, its best-scored copy shown with the two others, whatever the order they were read in",
        arguments: StoreBackend.allCases, [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"], ["b", "c", "a"], ["c", "a", "b"], ["c", "b", "a"]])
    func oneEntryWhateverTheOrder(backend: StoreBackend, order: [String]) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let scores = ["a": 3.0, "b": 5.0, "c": 3.0]
            for (step, name) in order.enumerated() {
                let copy = Releases.copy(on: name, matches: [match("h2", scores[name] ?? 0)], variant: step)
                _ = try await store.record(fetch(name, at: t0.addingTimeInterval(Double(step)), [copy]))
            }
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: t0.addingTimeInterval(10), limit: 10)
            #expect(selection.matchIDs.count == 3)
            #expect(selection.entryCount == 1)
            let shown = try #require(selection.candidates.first)
            #expect(shown.source == "b")
            #expect(shown.copies.map(\.source) == ["a", "c"])
            #expect(shown.copies.map(\.link) == ["https://a.example/hydrogene-bouin", "https://c.example/hydrogene-bouin"])
        }
    }

    @Test("Among copies of equal score the earliest published is shown, whatever the order they were read in",
          arguments: StoreBackend.allCases, [["a", "b"], ["b", "a"]])
    func earliestCopyShown(backend: StoreBackend, order: [String]) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let published = ["a": t0, "b": t0.addingTimeInterval(-3600)]
            for (step, name) in order.enumerated() {
                let copy = Releases.copy(on: name, published: published[name] ?? t0, matches: [match("h2", 2)], variant: step)
                _ = try await store.record(fetch(name, at: t0.addingTimeInterval(Double(step)), [copy]))
            }
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: t0.addingTimeInterval(10), limit: 10)
            #expect(selection.candidates.map(\.source) == ["b"])
            #expect(selection.candidates.first?.copies.map(\.source) == ["a"])
        }
    }

    @Test("Committing a story's digest assigns every copy's match, so no copy is offered again", arguments: StoreBackend.allCases)
    func everyCopyIsAssigned(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            _ = try await store.record(fetch("b", [Releases.copy(on: "b", matches: [match("h2", 3)], variant: 2)]))
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: cutoff, limit: 10)
            try await store.commitDigest(profile: "h2", period: day1, matchIDs: selection.matchIDs, paths: [], writtenAt: t0)
            let next = try await store.digestSelection(profile: "h2", period: "2026-11-27", matchedBefore: t0.addingTimeInterval(86_400), limit: 10)
            #expect(next.matchIDs.isEmpty)
            await #expect(try store.digestSelection(profile: "h2", period: day1, matchedBefore: cutoff, limit: 10) == selection)
        }
    }

    @Test(
        "A copy read after its story went out in a digest is assigned to the next digest but not shown again",
        arguments: StoreBackend.allCases)
    func lateCopyIsNotShownAgain(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            let first = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: cutoff, limit: 10)
            try await store.commitDigest(profile: "h2", period: day1, matchIDs: first.matchIDs, paths: [], writtenAt: t0)

            let nextDay = t0.addingTimeInterval(86_400)
            _ = try await store.record(fetch("b", at: nextDay, [Releases.copy(on: "b", matches: [match("h2", 9)], variant: 1)]))
            let second = try await store.digestSelection(profile: "h2", period: "2026-11-27", matchedBefore: nextDay.addingTimeInterval(1), limit: 10)
            #expect(second.matchIDs.count == 1, "the late copy's match belongs to this digest")
            #expect(second.entryCount == 0)
            #expect(second.candidates.isEmpty)
            try await store.commitDigest(profile: "h2", period: "2026-11-27", matchIDs: second.matchIDs, paths: [], writtenAt: nextDay)

            let rewritten = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: .distantPast, limit: 10)
            #expect(rewritten.candidates.map(\.source) == ["a"], "rewriting the first day still shows the story there")
            #expect(rewritten.candidates.first?.copies == [])
        }
    }

    @Test("A republication first seen more than seven days after the story starts a story of its own", arguments: StoreBackend.allCases)
    func oldStoriesAreNotFolded(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            let later = t0.addingTimeInterval(8 * 86_400)
            await #expect(try store.record(fetch("b", at: later, [Releases.copy(on: "b", matches: [match("h2", 2)])])).nearDuplicates == 0)
            let within = t0.addingTimeInterval(6 * 86_400)
            await #expect(try store.record(fetch("c", at: within, [Releases.copy(on: "c", matches: [match("h2", 2)])])).nearDuplicates == 1)
        }
    }

    @Test(
        "A digest limited to one entry lists the best story with its copies and counts the other story as omitted",
        arguments: StoreBackend.allCases)
    func limitCountsStories(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 5)])]))
            _ = try await store.record(fetch("b", [Releases.copy(on: "b", matches: [match("h2", 4)], variant: 1)]))
            _ = try await store.record(fetch("apo", [Releases.agencyStory(1, matches: [match("h2", 1)])]))
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: cutoff, limit: 1)
            #expect(selection.matchIDs.count == 3)
            #expect(selection.entryCount == 2)
            #expect(selection.omitted == 1)
            #expect(selection.candidates.first?.copies.map(\.source) == ["b"])
        }
    }

    @Test(
        "Copies of a story recorded in one transaction fold into one story, as when recorded one by one",
        arguments: StoreBackend.allCases)
    func copiesInOneTransactionFold(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let summaries = try await store.record([
                fetch("a", [Releases.copy(on: "a", matches: [match("h2", 3)])]),
                fetch("apo", [Releases.agencyStory(1, matches: [match("h2", 1)])]),
                fetch("b", at: t0.addingTimeInterval(1), [Releases.copy(on: "b", matches: [match("h2", 5)], variant: 1)]),
                fetch("c", at: t0.addingTimeInterval(2), [Releases.copy(on: "c", matches: [match("h2", 3)], variant: 2)]),
            ]) { _, _ in nil }
            #expect(summaries.map(\.nearDuplicates) == [0, 0, 1, 1])
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: t0.addingTimeInterval(10), limit: 10)
            #expect(selection.entryCount == 2)
            #expect(selection.candidates.map(\.source) == ["b", "apo"])
            #expect(selection.candidates.first?.copies.map(\.source) == ["a", "c"])
        }
    }

    @Test(
        "A copy recorded in the same transaction as a later copy joins the story stored before it, not a story of its own",
        arguments: StoreBackend.allCases)
    func storedStoryWinsInOneTransaction(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            let summaries = try await store.record([
                fetch("b", at: t0.addingTimeInterval(1), [Releases.copy(on: "b", matches: [match("h2", 2)], variant: 1)]),
                fetch("c", at: t0.addingTimeInterval(2), [Releases.copy(on: "c", matches: [match("h2", 2)], variant: 2)]),
            ]) { _, _ in nil }
            #expect(summaries.map(\.nearDuplicates) == [1, 1])
            let selection = try await store.digestSelection(profile: "h2", period: day1, matchedBefore: t0.addingTimeInterval(10), limit: 10)
            #expect(selection.entryCount == 1)
            #expect(selection.candidates.first?.copies.count == 2)
        }
    }
}
