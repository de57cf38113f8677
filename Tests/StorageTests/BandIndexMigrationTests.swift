import Foundation
import Model
import Storage
import Testing

/// The migrations of the band index: from one row per key in `item_bands` to one row per item in
/// `item_band_keys` on SQLite, computed again from the stored shingles; stories recorded before still fold
/// what comes after, and pruning deletes the keys on both backends.
@Suite struct BandIndexMigrationTests {
    @Test("A SQLite file whose band keys were one row per key gets them one row per item through the migration, and its stories still fold")
    func bandKeysSurviveTheMigration() async throws {
        try await withFreshDatabase(.sqlite) { database in
            let store = try await database.open(declaring: [source("a"), source("b")])
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            await store.close()
            let fingerprints = try SQLiteFile.number(database.path, "SELECT count(*) FROM item_fingerprints")
            #expect(fingerprints == 1)
            let stored = try SQLiteFile.number(database.path, "SELECT sum(length(band_keys)) FROM item_band_keys")
            let version = try SQLiteFile.number(database.path, "PRAGMA user_version")
            // The layout before the migration (the 15th, whatever is appended after it): one row per key, and
            // none per item.
            try SQLiteFile.execute(
                database.path,
                """
                CREATE TABLE item_bands (
                    band_key INTEGER NOT NULL,
                    item_id INTEGER NOT NULL,
                    PRIMARY KEY (band_key, item_id)
                ) STRICT, WITHOUT ROWID;
                INSERT INTO item_bands VALUES (1, 1), (2, 1);
                DROP TABLE item_band_keys;
                PRAGMA user_version = 14;
                """)

            let reopened = try await database.open()
            #expect(try SQLiteFile.number(database.path, "PRAGMA user_version") == version)
            #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM sqlite_schema WHERE name = 'item_bands'") == 0)
            #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM item_band_keys") == fingerprints)
            // The keys computed again are those the item was recorded with.
            #expect(try SQLiteFile.number(database.path, "SELECT sum(length(band_keys)) FROM item_band_keys") == stored)
            let copy = try await reopened.record(fetch("b", [Releases.copy(on: "b", matches: [match("h2", 2)], variant: 1)]))
            #expect(copy.nearDuplicates == 1)
            await reopened.close()
        }
    }

    @Test(
        "Pruning a week-old fingerprint deletes its band keys with it, and a later copy starts a story of its own",
        arguments: StoreBackend.allCases)
    func pruningDeletesBandKeys(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open(declaring: [source("a"), source("b"), source("c")])
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            let later = t0.addingTimeInterval(8 * 86_400)
            let summary = try await store.record(fetch("b", at: later, [Releases.copy(on: "b", matches: [match("h2", 2)], variant: 1)]))
            #expect(summary.nearDuplicates == 0)
            if backend == .sqlite {
                // Only the keys of the item just recorded are left.
                #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM item_band_keys") == 1)
            }
            let third = try await store.record(fetch("c", at: later.addingTimeInterval(1), [Releases.copy(on: "c", matches: [match("h2", 2)], variant: 2)]))
            #expect(third.nearDuplicates == 1)
        }
    }
}
