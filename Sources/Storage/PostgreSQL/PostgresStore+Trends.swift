import Foundation
import Model

/// What digests show beside their entries: a profile's matches per day, and each digest's entry count.
extension PostgresStore {
    public func dailyMatchCounts(profile: String, since: Date, timeZone: TimeZone) async throws(StorageError) -> DailyMatchCounts {
        try await withSnapshot("count daily matches of \(profile)") { db throws(StorageError) in
            let rows = try await db.rows(
                """
                SELECT floor(extract(epoch FROM m.matched_at) / $3)::bigint AS slot, t.topic, count(*)
                FROM matches m CROSS JOIN LATERAL json_array_elements_text(
                    CASE WHEN json_typeof(m.topics::json) = 'array' THEN m.topics::json ELSE '[]'::json END
                ) AS t(topic)
                WHERE m.profile = $1 AND m.matched_at >= $2
                GROUP BY 1, 2
                UNION ALL
                SELECT floor(extract(epoch FROM matched_at) / $3)::bigint, NULL, count(*)
                FROM matches WHERE profile = $1 AND matched_at >= $2
                GROUP BY 1
                """,
                .text(profile), .date(since), .int(Int64(DailyMatchCounts.slotSeconds)))
            var counts = DailyMatchCounts()
            for row in rows {
                counts.add(slot: try row.int64(0), topic: try row.string(1), count: Int(try row.int64(2)), in: timeZone)
            }
            return counts
        }
    }

    public func recordDigestEntries(profile: String, period: String, entries: Int) async throws(StorageError) {
        let operation = "record entries of digest \(profile) \(period)"
        try await withSession(operation) { db throws(StorageError) in
            let updated = try await db.rows(
                "UPDATE digests SET entries = $3 WHERE profile = $1 AND period = $2 RETURNING id",
                .text(profile), .text(period), .int(Int64(entries)))
            guard updated.count == 1 else {
                throw StorageError.postgres(
                    operation, kind: .other, message: "no digest \(profile) \(period) was committed", database: location.description)
            }
        }
    }

    public func digestEntryCounts() async throws(StorageError) -> [String: [String: Int]] {
        try await withSession("read digest entry counts") { db throws(StorageError) in
            var counts: [String: [String: Int]] = [:]
            for row in try await db.rows("SELECT period, profile, entries FROM digests WHERE entries IS NOT NULL") {
                counts[try row.string(0) ?? "", default: [:]][try row.string(1) ?? ""] = Int(try row.int64(2))
            }
            return counts
        }
    }
}
