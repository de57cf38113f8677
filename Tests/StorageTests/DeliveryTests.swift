import Foundation
import Storage
import Testing

@Suite("E-mail deliveries: queued once per recipient, claimed by one sender, never sent twice")
struct DeliveryTests {
    /// A digest committed (and, unless `pending`, written) with its two files.
    private func digest(_ store: any Store, profile: String = "h2", period: String = "2026-12-06", pending: Bool = false) async throws {
        try await store.commitDigest(profile: profile, period: period, matchIDs: [], paths: [], writtenAt: t0)
        if !pending {
            try await store.markDigestWritten(profile: profile, period: period, paths: ["/d/\(profile).md", "/d/\(profile).html"], writtenAt: t0)
        }
    }

    @Test("Queuing twice keeps one delivery per recipient, due at the first queuing", arguments: StoreBackend.allCases)
    func queuedOncePerRecipient(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await digest(store)
            try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@example.org", "B <b@example.org>"], now: t0)
            try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@example.org"], now: t0 + 100)
            let all = try await store.deliveries(period: nil)
            #expect(all.map(\.recipient) == ["B <b@example.org>", "a@example.org"])
            #expect(all.allSatisfy { $0.state == .queued && $0.attempts == 0 && $0.nextAttemptAt == t0 })
            #expect(all.first?.paths == ["/d/h2.md", "/d/h2.html"])
            #expect(try await store.nextDeliveryDue() == t0)
        }
    }

    @Test("Queuing for a digest never committed fails", arguments: StoreBackend.allCases)
    func queueNeedsDigest(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            await #expect(throws: StorageError.self) {
                try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@example.org"], now: t0)
            }
        }
    }

    @Test("A claim takes due deliveries of written digests only, and a second claim gets none of them", arguments: StoreBackend.allCases)
    func claimIsExclusive(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await digest(store)
            try await digest(store, profile: "pending", pending: true)
            try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@example.org", "b@example.org"], now: t0)
            try await store.queueDeliveries(profile: "pending", period: "2026-12-06", recipients: ["a@example.org"], now: t0)
            #expect(try await store.claimDueDeliveries(now: t0 - 1, limit: 10).isEmpty)
            let first = try await store.claimDueDeliveries(now: t0, limit: 1)
            #expect(first.count == 1)
            #expect(first.first?.state == .sending && first.first?.attempts == 1 && first.first?.claimedAt == t0)
            let second = try await store.claimDueDeliveries(now: t0, limit: 10)
            #expect(second.map(\.recipient) == ["b@example.org"])
            #expect(try await store.claimDueDeliveries(now: t0 + 10, limit: 10).isEmpty)
        }
    }

    @Test("Outcomes: sent stays sent, a retry is due again later, a failure is final", arguments: StoreBackend.allCases)
    func outcomes(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await digest(store)
            try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@x.org", "b@x.org", "c@x.org"], now: t0)
            let claimed = try await store.claimDueDeliveries(now: t0, limit: 10)
            #expect(claimed.count == 3)
            try await store.finishDelivery(id: claimed[0].id, outcome: .sent, now: t0 + 1)
            try await store.finishDelivery(id: claimed[1].id, outcome: .retry(error: "550 refused", at: t0 + 60), now: t0 + 1)
            try await store.finishDelivery(id: claimed[2].id, outcome: .failed(error: "gave up"), now: t0 + 1)
            // A late second outcome for a delivery no longer sending changes nothing.
            try await store.finishDelivery(id: claimed[0].id, outcome: .failed(error: "late"), now: t0 + 2)
            let byRecipient = Dictionary(uniqueKeysWithValues: try await store.deliveries(period: "2026-12-06").map { ($0.recipient, $0) })
            #expect(byRecipient["a@x.org"]?.state == .sent)
            #expect(byRecipient["a@x.org"]?.sentAt == t0 + 1)
            #expect(byRecipient["b@x.org"]?.state == .queued)
            #expect(byRecipient["b@x.org"]?.lastError == "550 refused")
            #expect(byRecipient["c@x.org"]?.state == .failed)
            #expect(try await store.nextDeliveryDue() == t0 + 60)
            #expect(try await store.claimDueDeliveries(now: t0 + 59, limit: 10).isEmpty)
            let retried = try await store.claimDueDeliveries(now: t0 + 60, limit: 10)
            #expect(retried.map(\.recipient) == ["b@x.org"])
            #expect(retried.first?.attempts == 2)
        }
    }

    @Test("A delivery left sending by a dead process is failed, never claimed again", arguments: StoreBackend.allCases)
    func interruptedIsNeverResent(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await digest(store)
            try await store.queueDeliveries(profile: "h2", period: "2026-12-06", recipients: ["a@x.org"], now: t0)
            _ = try await store.claimDueDeliveries(now: t0, limit: 10)
            #expect(try await store.abandonInterruptedDeliveries(claimedBefore: t0, now: t0 + 1).isEmpty)
            let abandoned = try await store.abandonInterruptedDeliveries(claimedBefore: t0 + 1, now: t0 + 1)
            #expect(abandoned.map(\.state) == [.failed])
            #expect(abandoned.first?.lastError?.contains("not sent again") == true)
            #expect(try await store.claimDueDeliveries(now: t0 + 1000, limit: 10).isEmpty)
            #expect(try await store.nextDeliveryDue() == nil)
        }
    }
}
