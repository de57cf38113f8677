import Foundation
import Testing

/// `--database`, `VEILLEUR_DATABASE_URL` and the read-only commands' handling of the database, run end to end.
@Suite struct DatabaseOptionTests {
    /// The test's environment without a database variable, plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = CommandRunner.plainEnvironment(adding: extra)
        if extra["VEILLEUR_DATABASE_URL"] == nil { environment["VEILLEUR_DATABASE_URL"] = nil }
        return environment
    }

    @Test("crawl --database sqlite:PATH writes there and not in the state folder, and status reads it there")
    func optionMovesTheDatabase() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url).path
        let state = folder.url.appendingPathComponent("state")
        let other = folder.url.appendingPathComponent("x/other.sqlite")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = ["--database", "sqlite:\(other.path)"]

        let crawl = try CommandRunner.run(
            ["crawl", "--once", "--all", "--config", config, "--state", state.path] + database, environment: Self.environment())
        #expect(crawl.status == 0, "\(crawl.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.path))
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("veilleur.sqlite").path))

        let status = try CommandRunner.run(["status", "--config", config, "--state", state.path] + database, environment: Self.environment())
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("database: sqlite:\(other.path) ("), "\(status.stdout)")
        #expect(status.stdout.contains("stored: 10 items"))

        let withoutOption = try CommandRunner.run(["status", "--config", config, "--state", state.path], environment: Self.environment())
        #expect(withoutOption.status == 1)
        #expect(withoutOption.stderr.contains("no database at sqlite:\(state.path)/veilleur.sqlite"), "\(withoutOption.stderr)")
    }

    @Test("VEILLEUR_DATABASE_URL is used without --database, and --database wins over it")
    func environmentThenOption() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url).path
        let state = folder.url.appendingPathComponent("state").path
        let fromVariable = folder.url.appendingPathComponent("from-variable.sqlite").path

        let crawl = try CommandRunner.run(
            ["crawl", "--once", "--all", "--config", config, "--state", state],
            environment: Self.environment(["VEILLEUR_DATABASE_URL": "sqlite:\(fromVariable)"]))
        #expect(crawl.status == 0, "\(crawl.stderr)")
        #expect(FileManager.default.fileExists(atPath: fromVariable))

        let overridden = try CommandRunner.run(
            ["sources", "list", "--json", "--config", config, "--state", state, "--database", "sqlite:\(fromVariable)"],
            environment: Self.environment(["VEILLEUR_DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/db"]))
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(overridden.stdout.contains("\"status\":\"failed\"") || overridden.stdout.contains("\"status\": \"failed\""), "\(overridden.stdout)")
    }

    @Test("status --database postgresql://u:secret@… on a server that does not answer fails without quoting the password")
    func unreachablePostgreSQLFailsWithoutThePassword() throws {
        let folder = try TemporaryFolder()
        for (arguments, environment) in [
            (["--database", "postgresql://u:secret@127.0.0.1:1/db"], Self.environment()),
            ([], Self.environment(["VEILLEUR_DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/db"])),
        ] {
            let status = try CommandRunner.run(
                ["status", "--config", "config", "--state", folder.url.path] + arguments, environment: environment)
            #expect(status.status == 1, "\(status.stderr)")
            #expect(status.stderr.contains("postgresql://u:***@127.0.0.1:1/db"), "\(status.stderr)")
            #expect(!status.stderr.contains("secret"))
            #expect(!status.stdout.contains("secret"))
        }
    }

    @Test("A --database that is not a location is a usage error naming the option, the password not quoted")
    func junkOptionIsAUsageError() throws {
        let folder = try TemporaryFolder()
        let status = try CommandRunner.run(
            ["status", "--config", "config", "--state", folder.url.path, "--database", "mysql://u:secret@h/db"], environment: Self.environment())
        #expect(status.status == 64, "\(status.stderr)")
        #expect(status.stderr.contains("--database: unsupported database scheme 'mysql'"), "\(status.stderr)")
        #expect(!status.stderr.contains("secret"))
    }

    @Test("status on a database of an older schema says a crawl or the daemon updates it, and changes nothing")
    func olderSchemaIsExplained() throws {
        let folder = try TemporaryFolder()
        // An empty file is an SQLite database of schema version 0.
        let old = try folder.file("old.sqlite", [])
        let status = try CommandRunner.run(
            ["status", "--config", "config", "--state", folder.url.path, "--database", "sqlite:\(old.path)"], environment: Self.environment())
        #expect(status.status == 1, "\(status.stderr)")
        #expect(status.stderr.contains("schema version 0 is older"), "\(status.stderr)")
        #expect(status.stderr.contains("a crawl or the daemon updates it"))
        #expect(try Data(contentsOf: old).isEmpty)
    }
}
