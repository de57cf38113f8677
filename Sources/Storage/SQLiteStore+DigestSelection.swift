import Foundation
import Model

/// Choosing a digest's entries: one per story, the best-ranked copy shown and the others listed with it.
extension SQLiteStore {
    public func digestSelection(
        profile: String, period: String, matchedBefore: Date, limit: Int
    ) async throws(StorageError) -> DigestSelection {
        let operation = "select digest matches for \(profile) \(period)"
        let member = DigestMembership.column(forPeriod: period)
        let belongs = """
            m.profile = ?1 AND (
                m.\(member) = (SELECT id FROM digests WHERE profile = ?1 AND period = ?2)
                OR (m.\(member) IS NULL AND m.matched_at < ?3)
            )
            """
        // The digest's matches grouped by story (`cluster`: the first stored copy), each copy ranked within
        // its story by properties of the copy alone (score, then earliest date, source, link), so that the
        // copy shown never depends on which source was read first. A story that the profile was already
        // alerted to in an earlier period's digest of the same schedule is not shown again: its late copies' matches still
        // belong to this digest, so they are never offered again.
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
                    WHERE n.profile = ?1 AND d.period < ?2
                      AND n.item_id IN (SELECT c.cluster UNION ALL SELECT id FROM items WHERE duplicate_of = c.cluster)
                )
            )
            """
        return try locked { db throws(StorageError) in
            try db.readTransaction(operation) { () throws(StorageError) -> DigestSelection in
                func bindDigest(_ statement: Statement) throws(StorageError) {
                    try statement.bind(1, profile)
                    try statement.bind(2, period)
                    try statement.bind(3, matchedBefore)
                }
                let ids = try db.withStatement("SELECT m.id FROM matches m WHERE \(belongs)", operation: operation) {
                    select throws(StorageError) -> [Int64] in
                    try bindDigest(select)
                    var ids: [Int64] = []
                    while try select.step() { ids.append(select.int64(0)) }
                    return ids
                }
                let entryCount = try db.withStatement("\(stories) SELECT count(*) FROM shown", operation: operation) {
                    count throws(StorageError) -> Int in
                    try bindDigest(count)
                    return try count.step() ? Int(count.int64(0)) : 0
                }
                // The order of `Digest.rankedEntries`, so that the best `limit` are the ones every format shows.
                var candidates = try db.withStatement(
                    """
                    \(stories)
                    SELECT m.id, m.item_id, i.source, m.score, m.topics, m.terms, m.matched_at, s.cluster, \(Self.itemColumns), m.surfaces
                    FROM shown s JOIN matches m ON m.id = s.match_id JOIN items i ON i.id = m.item_id
                    ORDER BY m.score DESC, coalesce(i.published, i.updated, m.matched_at) DESC,
                             coalesce(i.title, i.link, '—'), coalesce(i.link, ''), m.id
                    LIMIT ?4
                    """,
                    operation: operation
                ) { select throws(StorageError) -> [(cluster: Int64, candidate: DigestCandidate)] in
                    try bindDigest(select)
                    try select.bind(4, Int64(max(0, limit)))
                    var candidates: [(cluster: Int64, candidate: DigestCandidate)] = []
                    while try select.step() {
                        let match = Match(
                            profile: profile, score: select.double(3),
                            topics: try JSONColumn.decode(select.string(4), column: "matches.topics", database: path),
                            terms: try JSONColumn.decode(select.string(5), column: "matches.terms", database: path),
                            surfaces: try JSONColumn.decodeSurfaces(select.string(18), column: "matches.surfaces", database: path)
                        )
                        let candidate = DigestCandidate(
                            matchID: select.int64(0), itemID: select.int64(1), source: select.string(2) ?? "",
                            item: try readItem(select, from: 8), match: match,
                            matchedAt: select.date(6) ?? Date(timeIntervalSince1970: 0)
                        )
                        candidates.append((select.int64(7), candidate))
                    }
                    return candidates
                }
                let copies = try otherCopies(db, of: candidates.map(\.cluster), stories: stories, bind: bindDigest, operation: operation)
                for index in candidates.indices {
                    candidates[index].candidate.copies = copies[candidates[index].cluster] ?? []
                }
                return DigestSelection(matchIDs: ids, candidates: candidates.map(\.candidate), entryCount: entryCount)
            }
        }
    }

    /// The copies of the digest's `clusters` other than the one shown, per cluster, by source then link.
    private func otherCopies(
        _ db: Connection, of clusters: [Int64], stories: String, bind: (Statement) throws(StorageError) -> Void, operation: String
    ) throws(StorageError) -> [Int64: [DigestCandidate.Copy]] {
        guard !clusters.isEmpty else { return [:] }
        return try db.withStatement(
            """
            \(stories)
            SELECT c.cluster, i.id, i.source, i.link, i.title
            FROM chosen c JOIN matches m ON m.id = c.match_id JOIN items i ON i.id = m.item_id
            WHERE c.copy_rank > 1 AND c.cluster IN (SELECT value FROM json_each(?4))
            ORDER BY c.cluster, i.source, coalesce(i.link, ''), i.id
            """,
            operation: operation
        ) { select throws(StorageError) -> [Int64: [DigestCandidate.Copy]] in
            try bind(select)
            try select.bind(4, JSONColumn.ids(clusters))
            var copies: [Int64: [DigestCandidate.Copy]] = [:]
            while try select.step() {
                copies[select.int64(0), default: []].append(
                    DigestCandidate.Copy(itemID: select.int64(1), source: select.string(2) ?? "", link: select.string(3), title: select.string(4)))
            }
            return copies
        }
    }
}
