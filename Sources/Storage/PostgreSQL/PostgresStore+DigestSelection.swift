import Foundation
import Model

/// Choosing a digest's entries: one per story, the best-ranked copy shown and the others listed with it.
extension PostgresStore {
    public func digestSelection(
        profile: String, period: String, matchedBefore: Date, limit: Int
    ) async throws(StorageError) -> DigestSelection {
        let member = DigestMembership.column(forPeriod: period)
        let belongs = """
            m.profile = $1 AND (
                m.\(member) = (SELECT id FROM digests WHERE profile = $1 AND period = $2)
                OR (m.\(member) IS NULL AND m.matched_at < $3)
            )
            """
        // The digest's matches grouped by story (`cluster`: the first stored copy), each copy ranked within
        // its story by properties of the copy alone (score, then earliest date, source, link), so that the
        // copy shown never depends on which source was read first. A story that the profile was already
        // alerted to in an earlier period's digest of the same schedule is not shown again: its late copies' matches still
        // belong to this digest, so they are never offered again. Every sort key is non-null: PostgreSQL
        // sorts nulls after other values where SQLite sorts them before.
        let stories = """
            WITH chosen AS (
                SELECT m.id AS match_id, coalesce(i.duplicate_of, i.id) AS cluster,
                       row_number() OVER (
                           PARTITION BY coalesce(i.duplicate_of, i.id)
                           ORDER BY m.score DESC, coalesce(i.published, i.updated) IS NULL, coalesce(i.published, i.updated),
                                    i.source, coalesce(i.link, ''), i.id
                       ) AS copy_rank
                FROM matches m JOIN items i ON i.id = m.item_id
                WHERE \(belongs)
            ),
            shown AS (
                SELECT c.match_id, c.cluster FROM chosen c
                WHERE c.copy_rank = 1 AND NOT EXISTS (
                    SELECT 1 FROM matches n JOIN digests d ON d.id = n.\(member)
                    WHERE n.profile = $1 AND d.period < $2
                      AND n.item_id IN (SELECT c.cluster UNION ALL SELECT id FROM items WHERE duplicate_of = c.cluster)
                )
            )
            """
        let digest: [PostgresValue] = [.text(profile), .text(period), .date(matchedBefore)]
        return try await withSnapshot("select digest matches for \(profile) \(period)") { db throws(StorageError) in
            let ids = try await db.rows("SELECT m.id FROM matches m WHERE \(belongs)", digest).map { row throws(StorageError) in
                try row.int64(0)
            }
            let entryCount = Int(try await db.rows("\(stories) SELECT count(*) FROM shown", digest).first?.int64(0) ?? 0)
            // The order of `Digest.rankedEntries`, so that the best `limit` are the ones every format shows.
            var candidates: [(cluster: Int64, candidate: DigestCandidate)] = []
            for row in try await db.rows(
                """
                \(stories)
                SELECT m.id, m.item_id, i.source, m.score, m.topics, m.terms, m.matched_at, s.cluster, \(Self.itemColumns), m.surfaces
                FROM shown s JOIN matches m ON m.id = s.match_id JOIN items i ON i.id = m.item_id
                ORDER BY m.score DESC, coalesce(i.published, i.updated, m.matched_at) DESC,
                         coalesce(i.title, i.link, '—'), coalesce(i.link, ''), m.id
                LIMIT $4
                """,
                digest + [.int(Int64(max(0, limit)))]
            ) {
                let match = Match(
                    profile: profile, score: try row.double(3),
                    topics: try JSONColumn.decode(try row.string(4), column: "matches.topics", database: location.description),
                    terms: try JSONColumn.decode(try row.string(5), column: "matches.terms", database: location.description),
                    surfaces: try JSONColumn.decodeSurfaces(try row.string(18), column: "matches.surfaces", database: location.description)
                )
                let candidate = DigestCandidate(
                    matchID: try row.int64(0), itemID: try row.int64(1), source: try row.string(2) ?? "",
                    item: try readItem(row, from: 8), match: match,
                    matchedAt: try row.date(6) ?? Date(timeIntervalSince1970: 0)
                )
                candidates.append((try row.int64(7), candidate))
            }
            let copies = try await otherCopies(db, of: candidates.map(\.cluster), stories: stories, digest: digest)
            for index in candidates.indices {
                candidates[index].candidate.copies = copies[candidates[index].cluster] ?? []
            }
            return DigestSelection(matchIDs: ids, candidates: candidates.map(\.candidate), entryCount: entryCount)
        }
    }

    /// The copies of the digest's `clusters` other than the one shown, per cluster, by source then link.
    private func otherCopies(
        _ db: PostgresSession, of clusters: [Int64], stories: String, digest: [PostgresValue]
    ) async throws(StorageError) -> [Int64: [DigestCandidate.Copy]] {
        guard !clusters.isEmpty else { return [:] }
        var copies: [Int64: [DigestCandidate.Copy]] = [:]
        for row in try await db.rows(
            """
            \(stories)
            SELECT c.cluster, i.id, i.source, i.link, i.title
            FROM chosen c JOIN matches m ON m.id = c.match_id JOIN items i ON i.id = m.item_id
            WHERE c.copy_rank > 1 AND c.cluster = ANY($4::bigint[])
            ORDER BY c.cluster, i.source, coalesce(i.link, ''), i.id
            """,
            digest + [.ints(clusters)]
        ) {
            copies[try row.int64(0), default: []].append(
                DigestCandidate.Copy(itemID: try row.int64(1), source: try row.string(2) ?? "", link: try row.string(3), title: try row.string(4)))
        }
        return copies
    }
}
