import CSQLite
import Foundation
import Testing

/// `crawl --once` is how a cron-driven installation crawls: it prunes as the daemon does, or such an
/// installation's database would grow for ever.
@Suite struct CrawlRetentionTests {
    @Test("crawl --once prunes items older than retention.content, keeping their identity")
    func crawlOncePrunes() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url).path
        let state = folder.url.appendingPathComponent("state").path
        let first = try CommandRunner.run(["crawl", "--once", "--all", "--config", config, "--state", state])
        #expect(first.status == 0, "\(first.stderr)")
        let database = state + "/veilleur.sqlite"
        let stored = try Self.count(database, "SELECT count(*) FROM items WHERE pruned_at IS NULL")
        #expect(stored > 0)

        // A year passes: every item and match is now older than the default 180 days of content.
        try Self.execute(database, """
            UPDATE items SET first_seen_at = first_seen_at - 365 * 86400;
            UPDATE matches SET matched_at = matched_at - 365 * 86400;
            """)
        let second = try CommandRunner.run(["crawl", "--once", "--config", config, "--state", state])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.count(database, "SELECT count(*) FROM items WHERE pruned_at IS NULL") == 0)
        #expect(try Self.count(database, "SELECT count(*) FROM items WHERE pruned_at IS NOT NULL") == stored)
        #expect(try Self.count(database, "SELECT count(*) FROM matches") == 0)
    }

    private static func execute(_ path: String, _ sql: String) throws {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else {
            throw DatabaseWatch.Failure(description: "cannot open \(path)")
        }
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw DatabaseWatch.Failure(description: String(cString: sqlite3_errmsg(db)))
        }
    }

    private static func count(_ path: String, _ sql: String) throws -> Int {
        var db: OpaquePointer?
        var statement: OpaquePointer?
        defer {
            sqlite3_finalize(statement)
            sqlite3_close_v2(db)
        }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK,
              sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, sqlite3_step(statement) == SQLITE_ROW
        else { throw DatabaseWatch.Failure(description: String(cString: sqlite3_errmsg(db))) }
        return Int(sqlite3_column_int64(statement, 0))
    }
}
