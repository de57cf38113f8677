import Foundation
import Model
import Storage
import Testing

/// The migration that drops the index of band keys by item (and, on SQLite, copies their table to drop its
/// foreign key) keeps every key, and stories recorded before it still fold what comes after.
@Suite struct BandIndexMigrationTests {
    @Test("A SQLite file whose band keys were indexed by item keeps them through the migration, and its stories still fold")
    func bandKeysSurviveTheMigration() async throws {
        try await withFreshDatabase(.sqlite) { database in
            let store = try await database.open(declaring: [source("a"), source("b")])
            _ = try await store.record(fetch("a", [Releases.copy(on: "a", matches: [match("h2", 2)])]))
            await store.close()
            let bands = try SQLiteFile.number(database.path, "SELECT count(*) FROM item_bands")
            #expect(bands > 0)
            let version = try SQLiteFile.number(database.path, "PRAGMA user_version")
            // The layout before the migration: keys referencing their fingerprint, indexed by item.
            try SQLiteFile.execute(
                database.path,
                """
                CREATE TABLE old_bands (
                    band_key INTEGER NOT NULL,
                    item_id INTEGER NOT NULL REFERENCES item_fingerprints(item_id) ON DELETE CASCADE,
                    PRIMARY KEY (band_key, item_id)
                ) STRICT, WITHOUT ROWID;
                INSERT INTO old_bands SELECT band_key, item_id FROM item_bands;
                DROP TABLE item_bands;
                ALTER TABLE old_bands RENAME TO item_bands;
                CREATE INDEX item_bands_item ON item_bands(item_id);
                PRAGMA user_version = \(version - 1);
                """)

            let reopened = try await database.open()
            #expect(try SQLiteFile.number(database.path, "PRAGMA user_version") == version)
            #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM item_bands") == bands)
            #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM sqlite_schema WHERE name = 'item_bands_item'") == 0)
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
                let keys = try SQLiteFile.number(database.path, "SELECT count(DISTINCT band_key) FROM item_bands")
                #expect(try SQLiteFile.number(database.path, "SELECT count(*) FROM item_bands") == keys)
                #expect(try SQLiteFile.number(database.path, "SELECT count(DISTINCT item_id) FROM item_bands") == 1)
            }
            let third = try await store.record(fetch("c", at: later.addingTimeInterval(1), [Releases.copy(on: "c", matches: [match("h2", 2)], variant: 2)]))
            #expect(third.nearDuplicates == 1)
        }
    }
}
