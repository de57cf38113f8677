/// The PostgreSQL schema as an ordered list of migrations, each a list of statements; migration `i` brings
/// the version recorded in `veilleur_schema_version` to `i + 1`.
///
/// Never edit a shipped migration: append a new one. The first creates at once what SQLite's migrations
/// 1 to 6 built up, with PostgreSQL's own types: identity ids, `timestamptz` for instants, `boolean` for
/// flags, `bytea` for fingerprints, and `text` for the JSON lists, which both backends encode alike
/// (`JSONColumn`). Names, links, profiles and periods are compared and sorted bytewise (`COLLATE "C"`), as
/// SQLite does, so that the order of sources and digest entries does not depend on the server's locale.
enum PostgresSchema {
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE sources (
                name text COLLATE "C" PRIMARY KEY,
                url text NOT NULL,
                etag text,
                last_modified text,
                last_fetch_at timestamptz,
                last_success_at timestamptz,
                last_status text CHECK (last_status IN ('ok', 'unchanged', 'failed')),
                last_error text,
                consecutive_failures integer NOT NULL DEFAULT 0,
                next_due_at timestamptz NOT NULL,
                retired boolean NOT NULL DEFAULT false,
                -- Adaptive scheduling: null until the source's first successful fetch.
                current_interval double precision,
                rate_per_day double precision,
                -- Where the source has moved for good (301/308); null while it answers at its URL.
                effective_url text
            )
            """,
            """
            CREATE TABLE items (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source text COLLATE "C" NOT NULL REFERENCES sources(name) ON UPDATE CASCADE,
                guid text COLLATE "C",
                guid_key text COLLATE "C",
                canonical_link text COLLATE "C",
                link text COLLATE "C",
                title text COLLATE "C",
                author text,
                published timestamptz,
                updated timestamptz,
                summary_text text,
                content_text text,
                categories text NOT NULL DEFAULT '[]',
                first_seen_at timestamptz NOT NULL,
                -- The first stored copy of the item's story, when the item republishes it.
                duplicate_of bigint REFERENCES items(id)
            )
            """,
            "CREATE UNIQUE INDEX items_guid_key ON items (guid_key) WHERE guid_key IS NOT NULL",
            "CREATE UNIQUE INDEX items_canonical_link ON items (canonical_link) WHERE canonical_link IS NOT NULL",
            "CREATE INDEX items_source_title ON items (source, title) WHERE guid IS NULL AND canonical_link IS NULL",
            // The daily cap of new items per source counts a source's recent items at every fetch.
            "CREATE INDEX items_source_seen ON items (source, first_seen_at)",
            "CREATE INDEX items_duplicate_of ON items (duplicate_of) WHERE duplicate_of IS NOT NULL",
            """
            CREATE TABLE digests (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                profile text COLLATE "C" NOT NULL,
                period text COLLATE "C" NOT NULL,
                written_at timestamptz NOT NULL,
                paths text NOT NULL DEFAULT '[]',
                -- True from the moment matches are assigned until the files are known to be written.
                pending boolean NOT NULL DEFAULT true,
                UNIQUE (profile, period)
            )
            """,
            """
            CREATE TABLE matches (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                profile text COLLATE "C" NOT NULL,
                score double precision NOT NULL,
                topics text NOT NULL DEFAULT '[]',
                terms text NOT NULL DEFAULT '[]',
                matched_at timestamptz NOT NULL,
                digest_id bigint REFERENCES digests(id) ON DELETE SET NULL,
                -- The words each match found, as the item writes them, so that digests highlight exactly those.
                surfaces text NOT NULL DEFAULT '[]',
                UNIQUE (item_id, profile)
            )
            """,
            "CREATE INDEX matches_unassigned ON matches (profile, matched_at) WHERE digest_id IS NULL",
            "CREATE INDEX matches_digest ON matches (digest_id) WHERE digest_id IS NOT NULL",
            // Near-duplicates: fingerprints and their band keys are kept only for recent items (pruned by
            // `seen_at`), so the lookup of a new item's neighbours reads a few index entries whatever the
            // number of items stored.
            """
            CREATE TABLE item_fingerprints (
                item_id bigint PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                seen_at timestamptz NOT NULL,
                title_words bytea NOT NULL,
                shingles bytea NOT NULL,
                lead bytea NOT NULL
            )
            """,
            "CREATE INDEX item_fingerprints_seen ON item_fingerprints (seen_at)",
            """
            CREATE TABLE item_bands (
                band_key bigint NOT NULL,
                item_id bigint NOT NULL REFERENCES item_fingerprints(item_id) ON DELETE CASCADE,
                PRIMARY KEY (band_key, item_id)
            )
            """,
            "CREATE INDEX item_bands_item ON item_bands (item_id)",
        ],
        // Several daemons on one database. A source is leased to the daemon that claimed it until it records
        // it or the lease expires; a digest period is leased the same way, and kept once done. Each daemon
        // (a host and state folder: `member`, run by one process at a time: `owner`) declares the sources
        // of its configuration, with a fingerprint of the list, and a source is retired only when no daemon
        // seen lately declares it.
        [
            "ALTER TABLE sources ADD COLUMN lease_owner text, ADD COLUMN lease_until timestamptz",
            "CREATE INDEX sources_due ON sources (next_due_at) WHERE NOT retired",
            "CREATE INDEX sources_lease_owner ON sources (lease_owner) WHERE lease_owner IS NOT NULL",
            """
            CREATE TABLE digest_leases (
                period text COLLATE "C" PRIMARY KEY,
                owner text NOT NULL,
                lease_until timestamptz NOT NULL,
                done_at timestamptz
            )
            """,
            """
            CREATE TABLE members (
                name text COLLATE "C" PRIMARY KEY,
                owner text NOT NULL,
                seen_at timestamptz NOT NULL,
                fingerprint text
            )
            """,
            """
            CREATE TABLE member_sources (
                member text COLLATE "C" NOT NULL REFERENCES members(name) ON DELETE CASCADE,
                source text COLLATE "C" NOT NULL,
                PRIMARY KEY (member, source)
            )
            """,
            "CREATE INDEX member_sources_source ON member_sources (source)",
        ],
        // Digest trends and the index: a profile's recent matches are read by day, and each digest keeps how
        // many entries it listed (null for digests written before).
        [
            "CREATE INDEX matches_profile_matched ON matches (profile, matched_at)",
            "ALTER TABLE digests ADD COLUMN entries integer",
        ],
        // Weekly digests: a match belongs to at most one daily digest (`digest_id`) and at most one weekly
        // digest (`weekly_digest_id`, a digest whose period is `YYYY-Www`) of its profile.
        [
            "ALTER TABLE matches ADD COLUMN weekly_digest_id bigint REFERENCES digests(id) ON DELETE SET NULL",
            "CREATE INDEX matches_weekly_unassigned ON matches (profile, matched_at) WHERE weekly_digest_id IS NULL",
            "CREATE INDEX matches_weekly_digest ON matches (weekly_digest_id) WHERE weekly_digest_id IS NOT NULL",
        ],
        // Retention: past the content limit an item keeps only what recognises it (GUID key, canonical link,
        // title and source), its text and matches go, and `pruned_at` says when; past the identity limit the
        // row goes too. One partial index per state, so that each daily pass reads only the rows it prunes.
        [
            "ALTER TABLE items ADD COLUMN pruned_at timestamptz",
            "CREATE INDEX items_content_seen ON items (first_seen_at) WHERE pruned_at IS NULL",
            "CREATE INDEX items_identity_seen ON items (first_seen_at) WHERE pruned_at IS NOT NULL",
        ],
        // The files attached to each item (`Enclosure`), as a JSON array of objects; null when none.
        [
            "ALTER TABLE items ADD COLUMN enclosures text",
        ],
        // Immediate alerts: one per profile and item, and one per profile and story (`story_id`: the first
        // stored copy, so that a near-duplicate copy does not alert again). Raised pending with the match;
        // written once its file is; delivered once its command, if any, succeeded. Leased like sources, so
        // that of several daemons one writes it.
        [
            """
            CREATE TABLE alerts (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                profile text COLLATE "C" NOT NULL,
                item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                story_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'written', 'delivered', 'abandoned')),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL,
                lease_owner text,
                lease_until timestamptz,
                UNIQUE (profile, item_id),
                UNIQUE (profile, story_id)
            )
            """,
            "CREATE INDEX alerts_due ON alerts (state, next_attempt_at) WHERE state IN ('pending', 'written')",
            "CREATE INDEX alerts_created ON alerts (created_at)",
            "CREATE INDEX alerts_item ON alerts (item_id)",
            "CREATE INDEX alerts_story ON alerts (story_id)",
        ],
        // E-mail deliveries: one row per digest and recipient, marked `sending` before the SMTP session and
        // `sent` after, so that a digest is e-mailed at most once per recipient, also across crashes.
        [
            """
            CREATE TABLE deliveries (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                digest_id bigint NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
                recipient text COLLATE "C" NOT NULL,
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                claimed_at timestamptz,
                sent_at timestamptz,
                last_error text,
                UNIQUE (digest_id, recipient)
            )
            """,
            "CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'queued'",
            "CREATE INDEX deliveries_sending ON deliveries (claimed_at) WHERE state = 'sending'",
        ],
        // Near-duplicate band keys without their index by item, which served only the cascade from a pruned
        // fingerprint and took as much room as the keys: pruning deletes an item's keys itself, computed
        // again from its stored shingles.
        [
            "ALTER TABLE item_bands DROP CONSTRAINT item_bands_item_id_fkey",
            "DROP INDEX item_bands_item",
        ],
        // One index of a profile's matches by time where three had the same key (as on SQLite): each recorded
        // match updated all three, and the digest queries need only the full one.
        [
            "DROP INDEX IF EXISTS matches_unassigned",
            "DROP INDEX IF EXISTS matches_weekly_unassigned",
        ],
    ]

    /// The version a database has once every migration ran.
    static var latestVersion: Int { migrations.count }

    /// The key of the transaction-level advisory lock migrations run under, so that daemons started
    /// together migrate one after the other, the later ones finding the work done ("veilleur" in ASCII).
    static let migrationLock: Int64 = 0x7665_696C_6C65_7572

    /// One row per migration applied, with when; the version is the highest.
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS veilleur_schema_version (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
}
