import Foundation
import Model
import PostgresTestSupport
import Storage
import Testing

/// The migration that keeps one index of a profile's matches by time where three had the same key.
@Suite struct MatchIndexMigrationTests {
    private static let partialIndexes = ["matches_unassigned", "matches_weekly_unassigned"]

    /// How many of `names` are indexes of the database.
    private func indexes(_ names: [String], in database: FreshDatabase) async throws -> Int64 {
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        switch database.backend {
        case .sqlite:
            return try SQLiteFile.number(database.path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN (\(list))")
        case .postgresql:
            return try await PostgresTestServer.administer(database.location, "SELECT count(*) FROM pg_indexes WHERE indexname IN (\(list))") ?? -1
        }
    }

    /// Puts back what the schema before the migration had: its two partial indexes and its version.
    private func undoMigration(of database: FreshDatabase) async throws {
        let create = [
            "CREATE INDEX matches_unassigned ON matches (profile, matched_at) WHERE digest_id IS NULL",
            "CREATE INDEX matches_weekly_unassigned ON matches (profile, matched_at) WHERE weekly_digest_id IS NULL",
        ]
        switch database.backend {
        case .sqlite:
            let version = try SQLiteFile.number(database.path, "PRAGMA user_version")
            try SQLiteFile.execute(database.path, create.joined(separator: ";\n") + ";\nPRAGMA user_version = \(version - 1);")
        case .postgresql:
            for statement in create { try await PostgresTestServer.administer(database.location, statement) }
            try await PostgresTestServer.administer(
                database.location, "DELETE FROM veilleur_schema_version WHERE version = (SELECT max(version) FROM veilleur_schema_version)")
        }
    }

    @Test(
        "A database whose matches had three indexes by profile keeps the full one through the migration, with its digests as they were",
        arguments: StoreBackend.allCases)
    func partialIndexesDropped(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open(declaring: [source("a")])
            _ = try await store.record(fetch("a", [
                entry(guid: "g1", link: "https://a.example/1", title: "Un", matches: [match("xr", 1), match("ia", 4)]),
                entry(guid: "g2", link: "https://a.example/2", title: "Deux", matches: [match("xr", 3)]),
            ]))
            let cutoff = t0.addingTimeInterval(1)
            let daily = try await store.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: cutoff)
            try await store.commitDigest(profile: "xr", period: "2026-11-26", matchIDs: daily.map(\.matchID), paths: [], writtenAt: cutoff)
            await store.close()
            try await undoMigration(of: database)
            #expect(try await indexes(Self.partialIndexes, in: database) == 2)

            let reopened = try await database.open()
            #expect(try await indexes(Self.partialIndexes, in: database) == 0)
            #expect(try await indexes(["matches_profile_matched"], in: database) == 1)
            let later = cutoff.addingTimeInterval(86_400)
            // The committed day keeps its matches; the next day has none left; the week and the other profile
            // still have all of theirs.
            let again = try await reopened.digestCandidates(profile: "xr", period: "2026-11-26", matchedBefore: later)
            #expect(again.map(\.item.title) == ["Deux", "Un"])
            await #expect(try reopened.digestCandidates(profile: "xr", period: "2026-11-27", matchedBefore: later).isEmpty)
            let weekly = try await reopened.digestCandidates(profile: "xr", period: "2026-W48", matchedBefore: later)
            #expect(weekly.map(\.item.title) == ["Deux", "Un"])
            await #expect(try reopened.digestCandidates(profile: "ia", period: "2026-11-27", matchedBefore: later).map(\.match.score) == [4])
        }
    }
}
