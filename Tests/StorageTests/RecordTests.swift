import Foundation
import Model
import Storage
import Testing

@Suite("Recording fetches")
struct RecordTests {
    private func openStore(_ database: FreshDatabase) async throws -> any Store {
        let store = try await database.open()
        try await store.syncSources([source("a"), source("b")], now: t0)
        return store
    }

    @Test("New items and their matches are stored and counted", arguments: StoreBackend.allCases)
    func newItemsAreStored(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let summary = try await store.record(fetch("a", [
                entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2), match("ia", 1)]),
                entry(guid: "g2", link: "https://a.example/2"),
            ]))
            #expect(summary == RecordSummary(newItems: 2, newMatches: 2))
        }
    }

    @Test("An item whose global GUID is already stored from another source is not new", arguments: StoreBackend.allCases)
    func dedupByGUIDAcrossSources(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:shared", link: "https://a.example/1", matches: [match("xr", 2)])]))
            let summary = try await store.record(fetch("b", [entry(guid: "urn:uuid:shared", link: "https://b.example/elsewhere", matches: [match("xr", 3)])]))
            #expect(summary == RecordSummary(newItems: 0, newMatches: 0))
        }
    }

    @Test(
        "A copy of a stored item read from another source alerts the profiles that only that source's copy matched, once",
        arguments: StoreBackend.allCases)
    func copyFromAnotherSourceAddsMissingMatches(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:shared", link: "https://a.example/1", matches: [match("xr", 2)])]))
            let copy = entry(guid: "urn:uuid:shared", link: "https://a.example/1", matches: [match("xr", 3), match("rh", 1)])
            await #expect(try store.record(fetch("b", [copy])) == RecordSummary(newItems: 0, newMatches: 1))
            await #expect(try store.record(fetch("b", at: t0.addingTimeInterval(60), [copy])) == RecordSummary(newItems: 0, newMatches: 0))
            let sameSource = entry(guid: "urn:uuid:shared", link: "https://a.example/1", matches: [match("ops", 1)])
            await #expect(try store.record(fetch("a", at: t0.addingTimeInterval(120), [sameSource])).newMatches == 0,
                    "the source that stored it adds nothing: its items were matched when first read")
        }
    }

    @Test(
        "An item whose link is stored from another source under another GUID is a copy: it adds only the profiles it alone matches",
        arguments: StoreBackend.allCases)
    func copyByLinkUnderAnotherGUID(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "urn:uuid:first", link: "https://a.example/1", matches: [match("xr", 2)])]))
            let copy = entry(guid: "urn:uuid:second", link: "https://a.example/1", matches: [match("xr", 3), match("rh", 1)])
            await #expect(try store.record(fetch("b", [copy])) == RecordSummary(newItems: 0, newMatches: 1))
            let new = entry(guid: "urn:uuid:third", link: "https://b.example/3", matches: [match("xr", 1)])
            await #expect(try store.record(fetch("b", at: t0.addingTimeInterval(60), [copy, new])) == RecordSummary(newItems: 1, newMatches: 1))
        }
    }

    @Test("Short local GUIDs such as \"1\" only identify items within their own source", arguments: StoreBackend.allCases)
    func localGUIDsAreScopedToTheirSource(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "1", link: "https://a.example/1")]))
            let other = try await store.record(fetch("b", [entry(guid: "1", link: "https://b.example/1", matches: [match("xr", 3)])]))
            #expect(other == RecordSummary(newItems: 1, newMatches: 1))
            let again = try await store.record(fetch("a", [entry(guid: "1", link: "https://a.example/moved")]))
            #expect(again == RecordSummary(newItems: 0, newMatches: 0))
        }
    }

    @Test("An item whose link differs only by tracking parameters is not new", arguments: StoreBackend.allCases)
    func dedupByCanonicalLink(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "g1", link: "https://news.example/article?id=7&utm_source=rss")]))
            let summary = try await store.record(fetch("b", [
                entry(guid: "g2", link: "HTTPS://News.Example:443/article?utm_medium=feed&id=7#top"),
            ]))
            #expect(summary.newItems == 0)
        }
    }

    @Test("Recording the same items twice adds nothing the second time", arguments: StoreBackend.allCases)
    func secondRecordAddsNothing(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let items = [
                entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)]),
                entry(guid: nil, link: "https://a.example/2", matches: [match("xr", 1)]),
                entry(guid: nil, link: nil, title: "Sans lien", matches: [match("xr", 1)]),
            ]
            await #expect(try store.record(fetch("a", items)) == RecordSummary(newItems: 3, newMatches: 3))
            await #expect(try store.record(fetch("a", at: t0.addingTimeInterval(3600), items)) == RecordSummary(newItems: 0, newMatches: 0))
        }
    }

    @Test("Duplicates inside one fetch are stored once", arguments: StoreBackend.allCases)
    func duplicatesWithinOneFetch(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let summary = try await store.record(fetch("a", [
                entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)]),
                entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)]),
            ]))
            #expect(summary == RecordSummary(newItems: 1, newMatches: 1))
        }
    }

    @Test("An item that comes again in the same document, by GUID, link or title, is stored once", arguments: StoreBackend.allCases)
    func repeatsWithinOneDocument(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let summary = try await store.record(fetch("a", [
                entry(guid: "urn:uuid:1", link: "https://a.example/1", matches: [match("xr", 2)]),
                entry(guid: "urn:uuid:1", link: "https://a.example/1-bis", matches: [match("ia", 2)]),
                entry(guid: "urn:uuid:2", link: "https://a.example/1?utm_source=rss", matches: [match("rh", 2)]),
                entry(guid: nil, link: nil, title: "Sans lien", matches: [match("xr", 1)]),
                entry(guid: nil, link: nil, title: "Sans lien", matches: [match("ia", 1)]),
            ]))
            #expect(summary == RecordSummary(newItems: 2, newMatches: 2))
        }
    }

    @Test(
        "An item whose GUID another source stored is a copy, even when its link is that of an item earlier in the document",
        arguments: StoreBackend.allCases)
    func guidDecidesBeforeLink(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("b", [entry(guid: "urn:uuid:b", link: "https://b.example/1", matches: [match("xr", 2)])]))
            let summary = try await store.record(fetch("a", [
                entry(guid: "urn:uuid:a", link: "https://a.example/1"),
                entry(guid: "urn:uuid:b", link: "https://a.example/1", matches: [match("ia", 2)]),
            ]))
            #expect(summary == RecordSummary(newItems: 1, newMatches: 1), "the copy of b's item brings its match for ia")
        }
    }

    @Test("Stored items read back as they were recorded", arguments: StoreBackend.allCases)
    func itemRoundTrip(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let item = FeedItem(
                id: "g1", title: "Réalité augmentée", link: "https://a.example/1?utm_source=x", published: t0,
                updated: t0.addingTimeInterval(10), author: "Ada", summaryText: "Résumé", contentText: "Texte\u{0}intégral",
                categories: ["XR", "Casques"]
            )
            _ = try await store.record(fetch("a", [ItemWithMatches(item: item, matches: [match("xr", 1.5)])]))
            let candidate = try await #require(try store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(1)).first)
            #expect(candidate.item == backend.roundTripped(item))
            #expect(candidate.source == "a")
            #expect(candidate.match == match("xr", 1.5))
            await #expect(try store.item(id: candidate.itemID) == backend.roundTripped(item))
            await #expect(try store.item(id: candidate.itemID + 100) == nil)
        }
    }

    @Test("An item is found by its row id, GUID, link or a link with other tracking parameters", arguments: StoreBackend.allCases)
    func findItemByAnyName(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1?utm_source=x"), entry(guid: "g2", link: nil)]))
            let byGUID = try await #require(try store.findItem("g1"))
            #expect(byGUID.source == "a")
            #expect(byGUID.item.link == "https://a.example/1?utm_source=x")
            await #expect(try store.findItem(String(byGUID.id))?.item.id == "g1")
            await #expect(try store.findItem("https://a.example/1?utm_source=x")?.id == byGUID.id)
            await #expect(try store.findItem("https://A.example/1?utm_medium=mail")?.id == byGUID.id)
            await #expect(try store.findItem("g2")?.item.id == "g2")
            await #expect(try store.findItem("https://a.example/unknown") == nil)
        }
    }

    @Test("Activity counts what was stored since an instant and what waits for a digest", arguments: StoreBackend.allCases)
    func activitySinceAnInstant(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", at: t0, [entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)])]))
            _ = try await store.record(fetch("b", at: t0.addingTimeInterval(600), [
                entry(guid: "g2", link: "https://b.example/2", matches: [match("xr", 1), match("ia", 1)]),
                entry(guid: "g3", link: "https://b.example/3"),
            ]))
            let recent = try await store.activity(since: t0.addingTimeInterval(300))
            #expect(recent == Activity(newItems: 2, newMatches: 2, pendingMatches: 3, totalItems: 3,
                                       lastFetchAt: t0.addingTimeInterval(600), lastDigestAt: nil))
            let candidates = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: t0.addingTimeInterval(900))
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: candidates.map(\.matchID), paths: [], writtenAt: t0.addingTimeInterval(900))
            let after = try await store.activity(since: t0)
            #expect(after.pendingMatches == 1)
            #expect(after.lastDigestAt == t0.addingTimeInterval(900))
        }
    }

    @Test("A modified response stores the new validators and resets the failure count", arguments: StoreBackend.allCases)
    func modifiedStoresValidators(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", outcome: .failed(reason: "timeout")))
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(60), outcome: .modified(etag: "\"v2\"", lastModified: "Wed, 02 Dec 2026 10:00:00 GMT")))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.etag == "\"v2\"")
            #expect(state.lastModified == "Wed, 02 Dec 2026 10:00:00 GMT")
            #expect(state.lastStatus == "ok" && state.lastError == nil && state.consecutiveFailures == 0)
            #expect(state.lastSuccessAt == t0.addingTimeInterval(60))
            #expect(state.nextDueAt == t0.addingTimeInterval(3660))
        }
    }

    @Test("Not modified keeps the validators and counts as a success", arguments: StoreBackend.allCases)
    func notModifiedKeepsValidators(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", outcome: .modified(etag: "\"v1\"", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT")))
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(60), outcome: .notModified))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.etag == "\"v1\"")
            #expect(state.lastModified == "Tue, 01 Dec 2026 10:00:00 GMT")
            #expect(state.lastStatus == "unchanged")
            #expect(state.lastFetchAt == t0.addingTimeInterval(60))
            #expect(state.lastSuccessAt == t0.addingTimeInterval(60))
        }
    }

    @Test("A failure increments the failure count and keeps the last good validators", arguments: StoreBackend.allCases)
    func failureIncrementsAndKeepsValidators(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            _ = try await store.record(fetch("a", outcome: .modified(etag: "\"v1\"", lastModified: nil)))
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(60), outcome: .failed(reason: "HTTP 503")))
            _ = try await store.record(fetch("a", at: t0.addingTimeInterval(120), outcome: .failed(reason: "HTTP 502")))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.consecutiveFailures == 2)
            #expect(state.etag == "\"v1\"")
            #expect(state.lastStatus == "failed")
            #expect(state.lastError == "HTTP 502")
            #expect(state.lastSuccessAt == t0)
            #expect(state.lastFetchAt == t0.addingTimeInterval(120))
        }
    }

    @Test("Recording a fetch of an undeclared source fails and stores nothing", arguments: StoreBackend.allCases)
    func unknownSourceIsRejected(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            let error = await #expect(throws: StorageError.self) {
                try await store.record(fetch("ghost", [entry(guid: "g1", link: "https://a.example/1")]))
            }
            #expect(error?.description.contains("ghost") == true)
            await #expect(try store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1")])).newItems == 1)
        }
    }

    @Test("A failure on a later item rolls back the whole fetch: no item, match or source update is kept", arguments: StoreBackend.allCases)
    func failureMidRecordRollsBack(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await openStore(database)
            // Both backends store a NaN score as NULL, which the NOT NULL column refuses: the second item's match fails.
            let error = await #expect(throws: StorageError.self) {
                try await store.record(fetch("a", outcome: .modified(etag: "\"v2\"", lastModified: nil), [
                    entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)]),
                    entry(guid: "g2", link: "https://a.example/2", matches: [match("xr", .nan)]),
                ]))
            }
            #expect(error?.kind == .constraint)
            let state = try await #require(try store.sourceStates().first { $0.name == "a" })
            #expect(state.etag == nil)
            #expect(state.lastFetchAt == nil)
            let summary = try await store.record(fetch("a", [
                entry(guid: "g1", link: "https://a.example/1", matches: [match("xr", 2)]),
                entry(guid: "g2", link: "https://a.example/2", matches: [match("xr", 1)]),
            ]))
            #expect(summary == RecordSummary(newItems: 2, newMatches: 2))
        }
    }
}
