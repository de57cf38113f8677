import Foundation
import Model

/// What digests show beside their entries: a profile's matches per day, and each digest's entry count.
extension SQLiteStore {
    public func dailyMatchCounts(profile: String, since: Date, timeZone: TimeZone) async throws(StorageError) -> DailyMatchCounts {
        try locked { db throws(StorageError) in
            try db.withStatement(
                """
                SELECT CAST(m.matched_at / ?3 AS INTEGER) AS slot, t.value, count(*)
                FROM matches m, json_each(m.topics) t
                WHERE m.profile = ?1 AND m.matched_at >= ?2 AND t.type = 'text'
                GROUP BY slot, t.value
                UNION ALL
                SELECT CAST(matched_at / ?3 AS INTEGER) AS slot, NULL, count(*)
                FROM matches WHERE profile = ?1 AND matched_at >= ?2
                GROUP BY slot
                """,
                operation: "count daily matches of \(profile)"
            ) { select throws(StorageError) -> DailyMatchCounts in
                try select.bind(1, profile)
                try select.bind(2, since)
                try select.bind(3, DailyMatchCounts.slotSeconds)
                var counts = DailyMatchCounts()
                while try select.step() {
                    counts.add(slot: select.int64(0), topic: select.string(1), count: Int(select.int64(2)), in: timeZone)
                }
                return counts
            }
        }
    }

    public func recordDigestEntries(profile: String, period: String, entries: Int) async throws(StorageError) {
        let operation = "record entries of digest \(profile) \(period)"
        try locked { db throws(StorageError) in
            try db.withStatement("UPDATE digests SET entries = ?3 WHERE profile = ?1 AND period = ?2", operation: operation) {
                update throws(StorageError) in
                try update.bind(1, profile)
                try update.bind(2, period)
                try update.bind(3, entries)
                try update.run()
            }
            guard db.changes == 1 else {
                throw StorageError(operation: operation, message: "no digest \(profile) \(period) was committed", database: path)
            }
        }
    }

    public func digestEntryCounts() async throws(StorageError) -> [String: [String: Int]] {
        try locked { db throws(StorageError) in
            try db.withStatement(
                "SELECT period, profile, entries FROM digests WHERE entries IS NOT NULL", operation: "read digest entry counts"
            ) { select throws(StorageError) in
                var counts: [String: [String: Int]] = [:]
                while try select.step() {
                    counts[select.string(0) ?? "", default: [:]][select.string(1) ?? ""] = Int(select.int64(2))
                }
                return counts
            }
        }
    }
}
