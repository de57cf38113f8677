import Foundation
import Model
import Storage
import Testing

@Suite("Sharing the database")
struct SharedDatabaseTests {
    @Test("Reads see what another store committed since the previous read", arguments: StoreBackend.allCases)
    func readsAreNotPinnedToAnOldSnapshot(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let reader = try await database.open()
            let writer = try await database.open()
            let horizon = try #require(DigestPeriod("2026-11-30"))
            await #expect(try reader.latestDigestPeriods(of: .day, onOrBefore: horizon)["xr"] == nil)
            try await writer.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: [], paths: [], writtenAt: t0)
            await #expect(try reader.latestDigestPeriods(of: .day, onOrBefore: horizon)["xr"] == DigestPeriod("2026-11-26"))
            try await writer.commitDigest(profile: "xr", period: "2026-11-27", matchIDs: [], paths: [], writtenAt: t0)
            await #expect(try reader.latestDigestPeriods(of: .day, onOrBefore: horizon)["xr"] == DigestPeriod("2026-11-27"))
        }
    }
}
