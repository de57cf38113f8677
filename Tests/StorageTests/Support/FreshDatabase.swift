import Foundation
import Model
import PostgresTestSupport
import Storage
import Testing

/// The backends every store test runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }

    /// `item` as this backend reads it back: PostgreSQL's `text` cannot hold U+0000, stored as U+FFFD (the JSON
    /// of `categories` escapes it, and keeps it).
    func roundTripped(_ item: FeedItem) -> FeedItem {
        guard self == .postgresql else { return item }
        let replaced = { (text: String?) in text?.replacing("\u{0}", with: "\u{FFFD}") }
        var stored = item
        stored.id = replaced(item.id)
        stored.title = replaced(item.title)
        stored.link = replaced(item.link)
        stored.author = replaced(item.author)
        stored.summaryText = replaced(item.summaryText)
        stored.contentText = replaced(item.contentText)
        return stored
    }
}

/// A new empty database of one backend for one test, and the stores opened on it.
struct FreshDatabase: Sendable {
    /// Where the database is.
    enum Place: Sendable {
        /// A SQLite file in a folder of its own.
        case file(folder: URL)
        /// A database of its own on the test server.
        case server(PostgresLocation)
    }

    let backend: StoreBackend
    let place: Place
    private let opened = OpenedStores()

    /// The SQLite file; only for SQLite.
    var path: String {
        guard case .file(let folder) = place else { preconditionFailure("a PostgreSQL database has no path") }
        return folder.appendingPathComponent("veilleur.sqlite").path
    }

    /// The PostgreSQL database; only for PostgreSQL.
    var location: PostgresLocation {
        guard case .server(let location) = place else { preconditionFailure("a SQLite database has no URL") }
        return location
    }

    /// Opens a store on the database; it is closed when the test ends.
    func open(access: StoreAccess = .readWrite) async throws -> any Store {
        let store: any Store
        switch place {
        case .file: store = try SQLiteStore(path: path, access: access)
        case .server(let location): store = try await PostgresStore.open(location, access: access)
        }
        await opened.add(store)
        return store
    }

    /// Opens a store and declares `sources` in it.
    func open(declaring sources: [Source]) async throws -> any Store {
        let store = try await open()
        try await store.syncSources(sources, now: t0)
        return store
    }

    fileprivate func remove() async {
        await opened.closeAll()
        switch place {
        case .file(let folder): try? FileManager.default.removeItem(at: folder)
        case .server(let location): try? await PostgresTestServer.dropDatabase(location)
        }
    }
}

/// The stores a test opened, closed when it ends.
private actor OpenedStores {
    private var stores: [any Store] = []

    func add(_ store: any Store) { stores.append(store) }

    func closeAll() async {
        for store in stores { await store.close() }
        stores = []
    }
}

/// Runs `body` with a new empty database of `backend`, removed afterwards whatever happens.
///
/// A PostgreSQL case is skipped, saying why, only when no server can be had: none named by
/// `VEILLEUR_TEST_POSTGRESQL_URL`, and none that `scripts/postgres-test-server.sh` could start.
func withFreshDatabase<Result>(
    _ backend: StoreBackend, _ body: (FreshDatabase) async throws -> Result
) async throws -> Result {
    let database: FreshDatabase
    switch backend {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-storage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = FreshDatabase(backend: backend, place: .file(folder: folder))
    case .postgresql:
        if case .failure(let unavailable) = PostgresTestServer.server {
            try Test.cancel(
                "PostgreSQL case skipped: \(unavailable). `make test` runs it on a private server, installing Debian's postgresql when missing.")
        }
        database = FreshDatabase(backend: backend, place: .server(try await PostgresTestServer.createDatabase()))
    }
    do {
        let result = try await body(database)
        await database.remove()
        return result
    } catch {
        await database.remove()
        throw error
    }
}

/// Runs `body` with a store of `backend` on a new empty database, `sources` declared in it.
func withFreshStore<Result>(
    _ backend: StoreBackend, declaring sources: [Source] = [], _ body: (any Store) async throws -> Result
) async throws -> Result {
    try await withFreshDatabase(backend) { database in
        try await body(try await database.open(declaring: sources))
    }
}
