import Foundation
import Model
import Storage
import Testing

@Suite("Immediate alerts in the store")
struct AlertStoreTests {
    private func alerting(_ record: FetchRecord, _ scores: [String: Double] = ["h2": 60]) -> FetchRecord {
        var record = record
        record.alertScores = scores
        return record
    }

    @Test("A new match at or above its profile's alert score raises one alert; one below, or of another profile, none",
          arguments: StoreBackend.allCases)
    func raised(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            let summary = try await store.record(alerting(fetch("a", [
                entry(guid: "1", link: "https://a.example/1", matches: [match("h2", 60), match("mer", 90)]),
                entry(guid: "2", link: "https://a.example/2", matches: [match("h2", 59.9)]),
            ])))
            #expect(summary.newAlerts == 1)
            let claimed = try await store.claimAlerts(.pending, owner: "me", now: t0, until: t0 + 60, limit: 10)
            #expect(claimed.map(\.profile) == ["h2"])
            #expect(claimed.first?.item.id == "1")
            #expect(claimed.first?.source == "a")
            #expect(claimed.first?.score == 60)
            #expect(claimed.first?.topics == ["XR"])
            await #expect(try store.alertTally(since: t0).raised == 1)
            await #expect(try store.alertTally(since: t0 + 1).raised == 0)
        }
    }

    @Test("The same item offered again, by its source or by another, raises no second alert", arguments: StoreBackend.allCases)
    func unique(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a"), source("b")]) { store in
            let item = entry(guid: "1", link: "https://a.example/1", matches: [match("h2", 80)])
            let offers = [
                try await store.record(alerting(fetch("a", [item]))), try await store.record(alerting(fetch("a", at: t0 + 10, [item]))),
                try await store.record(alerting(fetch("b", at: t0 + 20, [item]))),
            ]
            #expect(offers.map(\.newAlerts) == [1, 0, 0])
            await #expect(try store.alertTally(since: .distantPast).raised == 1)
        }
    }

    @Test("A near-duplicate copy of an alerted story raises no second alert; the profile's first alert on a story does",
          arguments: StoreBackend.allCases)
    func nearDuplicate(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a"), source("b"), source("c")]) { store in
            // The first copy is below the alert score, the second reaches it, the third too.
            _ = try await store.record(alerting(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 40)])])))
            let second = try await store.record(alerting(fetch("b", at: t0 + 1, [Releases.copy(on: "b", matches: [match("h2", 70)], variant: 1)])))
            let third = try await store.record(alerting(fetch("c", at: t0 + 2, [Releases.copy(on: "c", matches: [match("h2", 90)], variant: 3)])))
            #expect(second.nearDuplicates == 1 && second.newAlerts == 1)
            #expect(third.nearDuplicates == 1 && third.newAlerts == 0)
            let claimed = try await store.claimAlerts(.pending, owner: "me", now: t0 + 3, until: t0 + 60, limit: 10)
            #expect(claimed.map(\.source) == ["b"])
        }
    }

    @Test("Pending alerts are handed out once while leased, then written, then their command retried and delivered",
          arguments: StoreBackend.allCases)
    func steps(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            _ = try await store.record(alerting(fetch("a", [entry(guid: "1", link: "https://a.example/1", matches: [match("h2", 80)])])))
            await #expect(try store.nextAlertDue(.pending) == t0)
            let first = try await store.claimAlerts(.pending, owner: "one", now: t0, until: t0 + 60, limit: 10)
            #expect(first.count == 1)
            await #expect(try store.claimAlerts(.pending, owner: "two", now: t0 + 1, until: t0 + 60, limit: 10).isEmpty)
            // A crash between claim and file: the lease runs out and another process finishes it.
            let id = try #require(try await store.claimAlerts(.pending, owner: "two", now: t0 + 61, until: t0 + 120, limit: 10).first?.id)
            try await store.markAlertWritten(id: id, commandOwed: true, now: t0 + 62)
            await #expect(try store.claimAlerts(.pending, owner: "two", now: t0 + 200, until: t0 + 260, limit: 10).isEmpty)
            await #expect(try store.nextAlertDue(.written) == t0 + 62)

            let command = try #require(try await store.claimAlerts(.written, owner: "two", now: t0 + 62, until: t0 + 100, limit: 1).first)
            #expect(command.attempts == 0)
            try await store.recordAlertAttempt(id: id, .retry(at: t0 + 130), now: t0 + 100)
            await #expect(try store.claimAlerts(.written, owner: "two", now: t0 + 129, until: t0 + 200, limit: 1).isEmpty)
            let again = try #require(try await store.claimAlerts(.written, owner: "two", now: t0 + 130, until: t0 + 200, limit: 1).first)
            #expect(again.attempts == 1)
            try await store.recordAlertAttempt(id: id, .delivered, now: t0 + 131)
            await #expect(try store.nextAlertDue(.written) == nil)
            await #expect(throws: StorageError.self) { try await store.markAlertWritten(id: id, commandOwed: false, now: t0 + 132) }
        }
    }

    @Test("The tally follows alerts from their file to their command, its retries, and abandonment", arguments: StoreBackend.allCases)
    func tally(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            _ = try await store.record(alerting(fetch("a", [
                entry(guid: "1", link: "https://a.example/1", matches: [match("h2", 80)]),
                entry(guid: "2", link: "https://a.example/2", matches: [match("h2", 70)]),
                entry(guid: "3", link: "https://a.example/3", matches: [match("h2", 90)]),
            ])))
            await #expect(try store.alertTally(since: t0) == AlertTally(raised: 3, awaitingFile: 3))
            let claimed = try await store.claimAlerts(.pending, owner: "me", now: t0, until: t0 + 60, limit: 10)
            for alert in claimed { try await store.markAlertWritten(id: alert.id, commandOwed: true, now: t0 + 1) }
            await #expect(try store.alertTally(since: t0) == AlertTally(raised: 3, awaitingCommand: 3))
            try await store.recordAlertAttempt(id: claimed[0].id, .delivered, now: t0 + 2)
            try await store.recordAlertAttempt(id: claimed[1].id, .retry(at: t0 + 60), now: t0 + 2)
            try await store.recordAlertAttempt(id: claimed[2].id, .abandoned, now: t0 + 2)
            await #expect(try store.alertTally(since: t0) == AlertTally(raised: 3, awaitingCommand: 1, retrying: 1, abandoned: 1))
            // Raised and abandoned count from the day asked for; what waits, whenever it was raised.
            await #expect(try store.alertTally(since: t0 + 86_400) == AlertTally(awaitingCommand: 1, retrying: 1))
        }
    }

    @Test("Without a command owed, a written alert is delivered at once", arguments: StoreBackend.allCases)
    func noCommand(backend: StoreBackend) async throws {
        try await withFreshStore(backend, declaring: [source("a")]) { store in
            _ = try await store.record(alerting(fetch("a", [entry(guid: "1", link: "https://a.example/1", matches: [match("h2", 80)])])))
            let id = try #require(try await store.claimAlerts(.pending, owner: "me", now: t0, until: t0 + 60, limit: 1).first?.id)
            try await store.markAlertWritten(id: id, commandOwed: false, now: t0)
            await #expect(try store.nextAlertDue(.pending) == nil)
            await #expect(try store.nextAlertDue(.written) == nil)
        }
    }
}
