import Foundation
import Storage
import Testing

@Suite("Digest periods: one daemon writes each period")
struct DigestPeriodLeaseTests {
    @Test("A period claimed by one owner is refused to another until released", arguments: StoreBackend.allCases)
    func claimedPeriodIsRefusedUntilReleased(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "one", now: t0, until: t0 + 600, again: false) == .granted)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 1, until: t0 + 601, again: false) == .held(by: "one", until: t0 + 600))
            #expect(try await store.claimDigestPeriod("2026-11-26", owner: "two", now: t0 + 1, until: t0 + 601, again: false) == .granted)
            try await store.releaseDigestPeriod("2026-11-25", owner: "one", done: false, now: t0 + 2)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 3, until: t0 + 603, again: false) == .granted)
        }
    }

    @Test("A period whose writer died is taken over once its lease expires", arguments: StoreBackend.allCases)
    func expiredPeriodIsTakenOver(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "killed", now: t0, until: t0 + 600, again: false)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 599, until: t0 + 1199, again: false) != .granted)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 600, until: t0 + 1200, again: false) == .granted)
        }
    }

    @Test("A period marked done is refused to the schedule, granted to a person asking again, and stays done", arguments: StoreBackend.allCases)
    func donePeriodIsWrittenOnce(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "one", now: t0, until: t0 + 600, again: false)
            try await store.releaseDigestPeriod("2026-11-25", owner: "one", done: true, now: t0 + 10)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 20, until: t0 + 620, again: false) == .done(by: "one", at: t0 + 10))
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "person", now: t0 + 30, until: t0 + 630, again: true) == .granted)
            try await store.releaseDigestPeriod("2026-11-25", owner: "person", done: false, now: t0 + 40)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 50, until: t0 + 650, again: false) == .done(by: "person", at: t0 + 10))
        }
    }

    @Test("Keeping alive extends a held period; leaving frees it at once", arguments: StoreBackend.allCases)
    func keepAliveAndLeave(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "one", now: t0, until: t0 + 60, again: false)
            try await store.keepAlive(member: "m", owner: "one", now: t0 + 30, until: t0 + 90)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 70, until: t0 + 130, again: false) == .held(by: "one", until: t0 + 90))
            try await store.leave(member: "m", owner: "one", now: t0 + 71)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 72, until: t0 + 132, again: false) == .granted)
        }
    }

    @Test("Releasing a period another owner has taken over changes nothing", arguments: StoreBackend.allCases)
    func staleReleaseIsIgnored(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "slow", now: t0, until: t0 + 60, again: false)
            _ = try await store.claimDigestPeriod("2026-11-25", owner: "two", now: t0 + 60, until: t0 + 120, again: false)
            try await store.releaseDigestPeriod("2026-11-25", owner: "slow", done: true, now: t0 + 61)
            #expect(try await store.claimDigestPeriod("2026-11-25", owner: "third", now: t0 + 62, until: t0 + 122, again: false) == .held(by: "two", until: t0 + 120))
        }
    }
}

extension DigestPeriodLeaseTests {
    @Test("Daemons asking at once for a new period: exactly one is granted it, the others are told who holds it", arguments: StoreBackend.allCases)
    func concurrentClaimsGrantOne(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            var stores: [any Store] = []
            for _ in 0..<6 { stores.append(try await database.open()) }
            let answers = try await withThrowingTaskGroup(of: (String, DigestClaim).self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        ("daemon-\(index)", try await store.claimDigestPeriod("2026-11-25", owner: "daemon-\(index)", now: t0, until: t0 + 600, again: false))
                    }
                }
                return try await group.reduce(into: [(String, DigestClaim)]()) { $0.append($1) }
            }
            let granted = answers.filter { $0.1 == .granted }.map(\.0)
            #expect(granted.count == 1)
            let winner = try #require(granted.first)
            #expect(answers.filter { $0.1 != .granted }.allSatisfy { $0.1 == .held(by: winner, until: t0 + 600) })
        }
    }
}
