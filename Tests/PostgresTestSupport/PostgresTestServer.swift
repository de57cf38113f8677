import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import PostgresNIO
import Storage

/// The PostgreSQL server the tests of every target create their databases on: the one `VEILLEUR_TEST_POSTGRESQL_URL`
/// names (`make test` starts one), or else one this test process starts through
/// `scripts/postgres-test-server.sh` on first use and stops when it exits.
public enum PostgresTestServer {
    /// Why PostgreSQL cases cannot run here.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// A server and, when this process started it, the folder it runs in.
    public struct Server: Sendable {
        public var url: String
        public var ownFolder: String?
    }

    /// The server, or why there is none; started at most once per process.
    public static let server: Result<Server, Unavailable> = {
        if let url = ProcessInfo.processInfo.environment["VEILLEUR_TEST_POSTGRESQL_URL"], !url.isEmpty {
            return .success(Server(url: url))
        }
        return startOwnServer()
    }()

    /// The repository's copy of the script, found from this file's place in it.
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/postgres-test-server.sh").path

    private static func startOwnServer() -> Result<Server, Unavailable> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-postgres-\(UUID().uuidString)").path
        let started = run([script, "start", folder])
        guard started.status == 0, let url = started.output.split(separator: "\n").last.map(String.init), url.hasPrefix("postgresql://")
        else {
            try? FileManager.default.removeItem(atPath: folder)
            let why = started.error.split(separator: "\n").last.map(String.init) ?? "exit status \(started.status)"
            return .failure(Unavailable(description: "no PostgreSQL server could be started: \(why)"))
        }
        // Runs once `server` holds this folder: a process that exits stops the server it started.
        atexit {
            guard case .success(let server) = PostgresTestServer.server, let folder = server.ownFolder else { return }
            _ = PostgresTestServer.run([PostgresTestServer.script, "stop", folder])
            try? FileManager.default.removeItem(atPath: folder)
        }
        return .success(Server(url: url, ownFolder: folder))
    }

    /// Runs `/bin/bash arguments…` and waits for it with `waitpid`. Not `Process`: its wait needs a
    /// dispatch thread, and the first tests to need the server hold the few there are while they wait for it.
    private static func run(_ arguments: [String]) -> (status: Int32, output: String, error: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-postgres-script-\(UUID().uuidString)").path
        let (outputPath, errorPath) = (base + ".out", base + ".err")
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/bin/bash"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ) == 0 else {
            return (-1, "", "cannot run /bin/bash: \(String(cString: strerror(errno)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return ((status >> 8) & 0xFF, read(outputPath), read(errorPath))
    }

    /// A new empty database on the server, named `veilleur_t_<random>`.
    public static func createDatabase() async throws -> PostgresLocation {
        var location = try PostgresLocation(try server.get().url)
        let name = "veilleur_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await administer(location, "CREATE DATABASE \(name)")
        location.database = name
        return location
    }

    /// Drops the database of `location`, closing whatever sessions remain on it.
    public static func dropDatabase(_ location: PostgresLocation) async throws {
        var admin = location
        admin.database = try PostgresLocation(try Self.server.get().url).database
        try await administer(admin, "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
    }

    /// Runs `sql` on its own connection to `location`; returns the first column of its first row, when
    /// that is a number.
    @discardableResult
    public static func administer(_ location: PostgresLocation, _ sql: String) async throws -> Int64? {
        try await withConnection(to: location) { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            return try rows.first?.makeRandomAccess()[0].decode(Int64?.self)
        }
    }

    /// Runs `body` with a connection of its own to `location`, outside any store. The test server speaks
    /// without TLS.
    public static func withConnection<Result>(
        to location: PostgresLocation, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    public static let logger = Logger(label: "veilleur.tests")
}
