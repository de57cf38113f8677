/// The database schema as an ordered list of migrations; migration `i` brings `user_version` to `i + 1`.
///
/// Never edit a shipped migration: append a new one.
enum Schema {
    static let migrations: [String] = [
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetch_at REAL,
            last_success_at REAL,
            last_status TEXT CHECK (last_status IN ('ok', 'unchanged', 'failed')),
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_due_at REAL NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
        ) STRICT;

        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(name) ON UPDATE CASCADE,
            guid TEXT,
            guid_key TEXT,
            canonical_link TEXT,
            link TEXT,
            title TEXT,
            author TEXT,
            published REAL,
            updated REAL,
            summary_text TEXT,
            content_text TEXT,
            categories TEXT NOT NULL DEFAULT '[]',
            first_seen_at REAL NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX items_guid_key ON items(guid_key) WHERE guid_key IS NOT NULL;
        CREATE UNIQUE INDEX items_canonical_link ON items(canonical_link) WHERE canonical_link IS NOT NULL;
        CREATE INDEX items_source_title ON items(source, title) WHERE guid IS NULL AND canonical_link IS NULL;

        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            period TEXT NOT NULL,
            written_at REAL NOT NULL,
            paths TEXT NOT NULL DEFAULT '[]',
            -- 1 from the moment matches are assigned until the files are known to be written.
            pending INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),
            UNIQUE (profile, period)
        ) STRICT;

        CREATE TABLE matches (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            profile TEXT NOT NULL,
            score REAL NOT NULL,
            topics TEXT NOT NULL DEFAULT '[]',
            terms TEXT NOT NULL DEFAULT '[]',
            matched_at REAL NOT NULL,
            digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
            UNIQUE (item_id, profile)
        ) STRICT;
        CREATE INDEX matches_unassigned ON matches(profile, matched_at) WHERE digest_id IS NULL;
        CREATE INDEX matches_digest ON matches(digest_id) WHERE digest_id IS NOT NULL;
        """,
        // The daily cap of new items per source counts a source's recent items at every fetch.
        """
        CREATE INDEX items_source_seen ON items(source, first_seen_at);
        """,
        // Near-duplicates: an item republished by another site points to the first stored copy of its story.
        // Fingerprints and their band keys are kept only for recent items (pruned by `seen_at`), so the
        // lookup of a new item's neighbours reads a few index entries whatever the number of items stored.
        """
        ALTER TABLE items ADD COLUMN duplicate_of INTEGER REFERENCES items(id);
        CREATE INDEX items_duplicate_of ON items(duplicate_of) WHERE duplicate_of IS NOT NULL;

        CREATE TABLE item_fingerprints (
            item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
            seen_at REAL NOT NULL,
            title_words BLOB NOT NULL,
            shingles BLOB NOT NULL,
            lead BLOB NOT NULL
        ) STRICT;
        CREATE INDEX item_fingerprints_seen ON item_fingerprints(seen_at);

        CREATE TABLE item_bands (
            band_key INTEGER NOT NULL,
            item_id INTEGER NOT NULL REFERENCES item_fingerprints(item_id) ON DELETE CASCADE,
            PRIMARY KEY (band_key, item_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX item_bands_item ON item_bands(item_id);
        """,
        // The words each match found, as the item writes them, so that digests highlight exactly those.
        """
        ALTER TABLE matches ADD COLUMN surfaces TEXT NOT NULL DEFAULT '[]';
        """,
        // Adaptive scheduling: the interval each source is fetched at now and the publishing rate it follows,
        // both null until the source's first successful fetch.
        """
        ALTER TABLE sources ADD COLUMN current_interval REAL;
        ALTER TABLE sources ADD COLUMN rate_per_day REAL;
        """,
        // Permanent redirects: where a source has moved (301/308), fetched instead of its configured URL
        // until that URL is edited. Null while the source answers at its configured URL.
        """
        ALTER TABLE sources ADD COLUMN effective_url TEXT;
        """,
        // Several daemons on one database. A source is leased to the daemon that claimed it until it records
        // it or the lease expires; a digest period is leased the same way, and kept once done. Each daemon
        // (a host and state folder: `member`) declares the sources of its configuration, with a fingerprint
        // of the list, and a source is retired only when no daemon seen lately declares it.
        """
        ALTER TABLE sources ADD COLUMN lease_owner TEXT;
        ALTER TABLE sources ADD COLUMN lease_until REAL;
        CREATE INDEX sources_due ON sources(next_due_at) WHERE retired = 0;
        CREATE INDEX sources_lease_owner ON sources(lease_owner) WHERE lease_owner IS NOT NULL;

        CREATE TABLE digest_leases (
            period TEXT PRIMARY KEY NOT NULL,
            owner TEXT NOT NULL,
            lease_until REAL NOT NULL,
            done_at REAL
        ) STRICT;

        CREATE TABLE members (
            name TEXT PRIMARY KEY NOT NULL,
            owner TEXT NOT NULL,
            seen_at REAL NOT NULL,
            fingerprint TEXT
        ) STRICT;

        CREATE TABLE member_sources (
            member TEXT NOT NULL REFERENCES members(name) ON DELETE CASCADE,
            source TEXT NOT NULL,
            PRIMARY KEY (member, source)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX member_sources_source ON member_sources(source);
        """,
        // Digest trends and the index: a profile's recent matches are read by day, and each digest keeps how
        // many entries it listed (null for digests written before).
        """
        CREATE INDEX matches_profile_matched ON matches(profile, matched_at);
        ALTER TABLE digests ADD COLUMN entries INTEGER;
        """,
        // Weekly digests: a match belongs to at most one daily digest (`digest_id`) and at most one weekly
        // digest (`weekly_digest_id`, a digest whose period is `YYYY-Www`) of its profile.
        """
        ALTER TABLE matches ADD COLUMN weekly_digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL;
        CREATE INDEX matches_weekly_unassigned ON matches(profile, matched_at) WHERE weekly_digest_id IS NULL;
        CREATE INDEX matches_weekly_digest ON matches(weekly_digest_id) WHERE weekly_digest_id IS NOT NULL;
        """,
        // Retention: past the content limit an item keeps only what recognises it (GUID key, canonical link,
        // title and source), its text and matches go, and `pruned_at` says when; past the identity limit the
        // row goes too. One partial index per state, so that each daily pass reads only the rows it prunes.
        """
        ALTER TABLE items ADD COLUMN pruned_at REAL;
        CREATE INDEX items_content_seen ON items(first_seen_at) WHERE pruned_at IS NULL;
        CREATE INDEX items_identity_seen ON items(first_seen_at) WHERE pruned_at IS NOT NULL;
        """,
        // The files attached to each item (`Enclosure`), as a JSON array of objects; null when none.
        """
        ALTER TABLE items ADD COLUMN enclosures TEXT;
        """,
        // Immediate alerts: one per profile and item, and one per profile and story (`story_id`: the first
        // stored copy, so that a near-duplicate copy does not alert again). Raised pending with the match;
        // written once its file is; delivered once its command, if any, succeeded. Leased like sources, so
        // that of several daemons one writes it.
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'written', 'delivered', 'abandoned')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            created_at REAL NOT NULL,
            lease_owner TEXT,
            lease_until REAL,
            UNIQUE (profile, item_id),
            UNIQUE (profile, story_id)
        ) STRICT;
        CREATE INDEX alerts_due ON alerts(state, next_attempt_at) WHERE state IN ('pending', 'written');
        CREATE INDEX alerts_created ON alerts(created_at);
        CREATE INDEX alerts_item ON alerts(item_id);
        CREATE INDEX alerts_story ON alerts(story_id);
        """,
        // E-mail deliveries: one row per digest and recipient, marked `sending` before the SMTP session and
        // `sent` after, so that a digest is e-mailed at most once per recipient, also across crashes.
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
            recipient TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            claimed_at REAL,
            sent_at REAL,
            last_error TEXT,
            UNIQUE (digest_id, recipient)
        ) STRICT;
        CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE state = 'queued';
        CREATE INDEX deliveries_sending ON deliveries(claimed_at) WHERE state = 'sending';
        """,
        // Near-duplicate band keys without their index by item, which served only the cascade from a pruned
        // fingerprint and took as much room as the keys: pruning deletes an item's keys itself, computed
        // again from its stored shingles. SQLite cannot drop a foreign key, so the table is copied.
        """
        CREATE TABLE item_band_keys (
            band_key INTEGER NOT NULL,
            item_id INTEGER NOT NULL,
            PRIMARY KEY (band_key, item_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO item_band_keys (band_key, item_id) SELECT band_key, item_id FROM item_bands;
        DROP TABLE item_bands;
        ALTER TABLE item_band_keys RENAME TO item_bands;
        """,
        bandKeysPerItem,
        // One index of a profile's matches by time where three had the same key: the two partial ones (a match
        // not yet in a daily, or a weekly, digest) cost each recorded match two more insertions among the
        // profiles' ranges, which with many profiles touch as many pages per transaction as there are profiles,
        // while the digest queries already read a profile's matches through the full index and filter there.
        """
        DROP INDEX IF EXISTS matches_unassigned;
        DROP INDEX IF EXISTS matches_weekly_unassigned;
        """,
    ]

    /// Near-duplicate band keys as one row per item, appended in item order, instead of one row per key in an
    /// index of random keys that every busy transaction rewrote nearly whole: the writing connection holds the
    /// window's keys in memory (`BandKeyWindow`). The keys of the fingerprints already stored are computed
    /// again from their shingles by `SQLiteStore` right after this migration, in its transaction.
    static let bandKeysPerItem = """
        CREATE TABLE item_band_keys (
            item_id INTEGER PRIMARY KEY REFERENCES item_fingerprints(item_id) ON DELETE CASCADE,
            seen_at REAL NOT NULL,
            band_keys BLOB NOT NULL
        ) STRICT;
        DROP TABLE item_bands;
        """

    /// The version a database has once every migration ran.
    static var latestVersion: Int { migrations.count }
}
