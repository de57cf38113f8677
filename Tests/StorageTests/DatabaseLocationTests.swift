import Foundation
import Logging
import Storage
import Testing

@Suite("Database locations")
struct DatabaseLocationTests {
    static let here = URL(fileURLWithPath: "/srv/veilleur", isDirectory: true)

    static func parse(_ text: String) throws(DatabaseLocationError) -> DatabaseLocation {
        try DatabaseLocation(parsing: text, relativeTo: here)
    }

    /// The message `text` is refused with; nil when it is accepted.
    static func refusal(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(
        "sqlite: locations resolve to an absolute, standardised path",
        arguments: [
            ("sqlite:/var/lib/veilleur/veilleur.sqlite", "/var/lib/veilleur/veilleur.sqlite"),
            ("sqlite:state/veilleur.sqlite", "/srv/veilleur/state/veilleur.sqlite"),
            ("sqlite:../other/x.sqlite", "/srv/other/x.sqlite"),
            ("SQLite:./a.db", "/srv/veilleur/a.db"),
            ("sqlite:///var/lib/x.sqlite", "/var/lib/x.sqlite"),
            ("  sqlite:/tmp/with space.sqlite  ", "/tmp/with space.sqlite"),
        ])
    func sqliteLocations(text: String, path: String) throws {
        #expect(try Self.parse(text) == .sqlite(path: path))
    }

    @Test(
        "postgresql:// and postgres:// URLs are kept as written",
        arguments: ["postgresql://veilleur@db.example:5432/veille", "postgres://u:p%40ss@10.0.0.1/db?sslmode=require", "PostgreSQL://h/db"])
    func postgresqlLocations(text: String) throws {
        #expect(try Self.parse(text) == .postgresql(url: text))
    }

    @Test(
        "Junk, bare paths, unknown schemes and incomplete locations are refused with the forms to write",
        arguments: [
            ("", "empty"), ("   ", "empty"), ("veilleur.sqlite", "prefix it with sqlite:"), ("/var/lib/x.sqlite", "prefix it with sqlite:"),
            ("mysql://u@h/db", "unsupported database scheme 'mysql'"), ("sqlite:", "names no file"),
            ("sqlite:state/", "names a folder"), ("sqlite://relative.sqlite", "absolute path"),
            ("postgresql://", "names no server"), ("postgresql:db", "starts with postgresql://"),
            ("file:///x.sqlite", "unsupported database scheme 'file'"),
        ])
    func junkIsRefused(text: String, expected: String) {
        let message = Self.refusal(text)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test("Control characters are refused by code point and position, the text not quoted", arguments: ["\n", "\t", "\u{7F}", "\u{0}", "\u{85}", "\u{1B}[2J"])
    func controlCharactersAreRefused(control: String) {
        let text = "postgresql://u:secret@h/db" + control
        let message = Self.refusal(text)
        #expect(message?.contains("control character U+") == true, "\(message ?? "accepted")")
        #expect(message?.contains("at character 27") == true)
        #expect(message?.contains("secret") == false)
    }

    @Test("A location longer than the bound is refused by its length alone")
    func overlongIsRefused() {
        let text = "postgresql://u:secret@h/" + String(repeating: "d", count: DatabaseLocation.maximumLength)
        let message = Self.refusal(text)
        #expect(message?.contains("at most \(DatabaseLocation.maximumLength)") == true)
        #expect(message?.contains("secret") == false)
        #expect(message?.contains("ddd") == false)
        #expect(Self.refusal("sqlite:/" + String(repeating: "a", count: DatabaseLocation.maximumLength - 8)) == nil)
    }

    @Test(
        "No refusal quotes a password",
        arguments: [
            "mysql://u:secret@h/db", "u:secret@h/db", "postgresq://u:secret@h/db", "secret", "ftp://secret@h",
            "pg ://u:secret@h/db", String(repeating: "s", count: 40) + "secret:x",
        ])
    func refusalsHideSecrets(text: String) {
        let message = Self.refusal(text)
        #expect(message?.contains("secret") == false, "\(message ?? "accepted")")
    }

    @Test(
        "The description masks the password and credential-like parameters and keeps the user",
        arguments: [
            ("postgresql://veilleur:secret@db:5432/veille", "postgresql://veilleur:***@db:5432/veille"),
            ("postgres://veilleur@db/veille", "postgres://veilleur@db/veille"),
            ("postgresql://db/veille?user=v&password=secret&sslmode=require", "postgresql://db/veille?user=v&password=***&sslmode=require"),
            ("postgresql://u:se/cr@et@db/veille", "postgresql://u:***@db/veille"),
            ("postgresql://u:secret@[::1]:5432/db", "postgresql://u:***@[::1]:5432/db"),
        ])
    func descriptionMasksPasswords(text: String, shown: String) throws {
        #expect(try Self.parse(text).description == shown)
    }

    @Test("A sqlite location describes itself as its path")
    func sqliteDescription() throws {
        #expect(try Self.parse("sqlite:state/veilleur.sqlite").description == "sqlite:/srv/veilleur/state/veilleur.sqlite")
    }

    @Test("Opening a sqlite location creates the file at its path")
    func openingSQLite() async throws {
        let database = try TemporaryDatabase()
        let store = try await StoreOpener.open(.sqlite(path: database.path), access: .readWrite, logger: Logger(label: "test"))
        try await store.syncSources([], now: Date())
        await store.close()
        #expect(FileManager.default.fileExists(atPath: database.path))
    }

    @Test("Opening a PostgreSQL location where no server listens fails as unavailable, the password masked")
    func openingPostgreSQL() async throws {
        let location = try Self.parse("postgresql://u:secret@127.0.0.1:1/db")
        await #expect {
            _ = try await StoreOpener.open(location, access: .readOnly, logger: Logger(label: "test"))
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.kind == .unavailable && !"\(error)".contains("secret") && error.database.hasPrefix("postgresql://u:***@127.0.0.1:1/db")
        }
    }
}

extension DatabaseLocationTests {
    @Test("A relative path is read inside the folder whether or not the folder's URL ends with a slash")
    func folderWithoutTrailingSlash() throws {
        for folder in [URL(fileURLWithPath: "/srv/veilleur", isDirectory: false), URL(fileURLWithPath: "/srv/veilleur/", isDirectory: true)] {
            #expect(try DatabaseLocation(parsing: "sqlite:x.sqlite", relativeTo: folder) == .sqlite(path: "/srv/veilleur/x.sqlite"))
        }
    }
}
