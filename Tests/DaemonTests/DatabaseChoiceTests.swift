import Configuration
import Daemon
import Foundation
import Logging
import Storage
import Testing

/// Which database a command or the daemon uses: `--database` > `VEILLEUR_DATABASE_URL` > `database:` of
/// `veilleur.yaml` > the state folder's file.
@Suite struct DatabaseChoiceTests {
    static let state = StateLayout(root: URL(fileURLWithPath: "/var/lib/veilleur", isDirectory: true))
    static let here = URL(fileURLWithPath: "/home/op", isDirectory: true)
    static let configured = Settings(database: .sqlite(path: "/etc/veilleur/from-file.sqlite"))
    static let variable = [DatabaseChoice.environmentVariable: "sqlite:from-env.sqlite"]

    static func resolve(option: String?, environment: [String: String], settings: Settings) throws(DatabaseChoiceError) -> DatabaseChoice {
        try DatabaseChoice.resolve(option: option, environment: environment, settings: settings, state: state, currentDirectory: here)
    }

    @Test("The option wins over the variable, the file and the default")
    func optionFirst() throws {
        let choice = try Self.resolve(option: "sqlite:from-option.sqlite", environment: Self.variable, settings: Self.configured)
        #expect(choice == DatabaseChoice(location: .sqlite(path: "/home/op/from-option.sqlite"), origin: .option))
    }

    @Test("Without the option the variable wins over the file")
    func environmentSecond() throws {
        let choice = try Self.resolve(option: nil, environment: Self.variable, settings: Self.configured)
        #expect(choice == DatabaseChoice(location: .sqlite(path: "/home/op/from-env.sqlite"), origin: .environment))
    }

    @Test("Without the option or a non-empty variable, database: of veilleur.yaml decides")
    func fileThird() throws {
        for environment in [[:], [DatabaseChoice.environmentVariable: ""]] {
            let choice = try Self.resolve(option: nil, environment: environment, settings: Self.configured)
            #expect(choice == DatabaseChoice(location: .sqlite(path: "/etc/veilleur/from-file.sqlite"), origin: .settings))
        }
    }

    @Test("With nothing given, the state folder's veilleur.sqlite is used, as before")
    func stateFolderLast() throws {
        let choice = try Self.resolve(option: nil, environment: [:], settings: Settings())
        #expect(choice == DatabaseChoice(location: .sqlite(path: "/var/lib/veilleur/veilleur.sqlite"), origin: .stateFolder))
    }

    @Test("A refused option or variable is named in the error, its password masked, even when a later source is valid")
    func refusalsNameTheirOrigin() {
        #expect {
            _ = try Self.resolve(option: "mysql://u:secret@h/db", environment: Self.variable, settings: Self.configured)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("--database: unsupported database scheme 'mysql'") && !text.contains("secret")
        }
        #expect {
            _ = try Self.resolve(option: nil, environment: [DatabaseChoice.environmentVariable: "postgres://u:secret@h/db\r"], settings: Self.configured)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("VEILLEUR_DATABASE_URL: the database location holds the control character U+000D") && !text.contains("secret")
        }
    }

    @Test("A pipeline given a location writes its store there and not in the state folder")
    func pipelineOpensTheLocation() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try folder.writeFixtureConfiguration(for: site)
        let elsewhere = folder.url.appendingPathComponent("elsewhere/other.sqlite")
        try FileManager.default.createDirectory(at: elsewhere.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            database: .sqlite(path: elsewhere.path), logger: Logger(label: "test"))
        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.newItems > 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path))
        #expect(!FileManager.default.fileExists(atPath: folder.state.database.path))
        let reopened = try SQLiteStore(path: elsewhere.path, access: .readOnly)
        #expect(try await reopened.activity(since: .distantPast).totalItems == summary.newItems)
    }
}

/// The daemon opens its store once: a `database:` edited while it runs waits for a restart.
@Suite struct DaemonDatabaseTests {
    @Test("The daemon writes to the location it was given and keeps it when database: of veilleur.yaml changes, saying so")
    func theDaemonKeepsItsStore() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let databases = try TemporaryFolder()
        let first = databases.url.appendingPathComponent("first.sqlite")
        let log = CapturedLog()
        let daemon = try DaemonUnderTest(site: site, database: .sqlite(path: first.path), logger: log.logger)
        #expect(await daemon.socket.receive(until: "STATUS=sources") != nil)
        #expect(FileManager.default.fileExists(atPath: first.path))
        #expect(!FileManager.default.fileExists(atPath: daemon.folder.state.database.path))

        let settings = try String(contentsOf: daemon.folder.configDirectory.appendingPathComponent("veilleur.yaml"), encoding: .utf8)
        try daemon.folder.write(settings + "\ndatabase: sqlite:second.sqlite\n", to: "config/veilleur.yaml")
        daemon.signals.yield(.reload)
        #expect(await daemon.socket.receive(until: "STATUS=configuration reloaded") != nil)
        #expect(log.text.contains("database of veilleur.yaml changed; the store in use stays until the daemon restarts"))
        #expect(!FileManager.default.fileExists(atPath: daemon.folder.configDirectory.appendingPathComponent("second.sqlite").path))
        try await daemon.stop()
    }
}
