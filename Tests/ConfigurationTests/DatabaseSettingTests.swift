import Configuration
import Foundation
import Storage
import Testing

/// `database:` in `veilleur.yaml`.
@Suite struct DatabaseSettingTests {
    private func load(_ settings: String, folder: borrowing ConfigFolder) -> Result<Settings, ConfigurationError> {
        Result { () throws(ConfigurationError) in try Configuration.load(directory: folder.url).settings }
    }

    @Test("Without database: the settings name no database, leaving the choice to the command line and the default")
    func absentByDefault() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "default_interval: 1h\n"])
        #expect(try load("", folder: folder).get().database == nil)
    }

    @Test("A relative sqlite: path is read from the configuration folder, a PostgreSQL URL kept as written")
    func locationsAreRead() throws {
        let relative = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "database: sqlite:../data/veilleur.sqlite\n"])
        let expected = relative.url.deletingLastPathComponent().appendingPathComponent("data/veilleur.sqlite").standardizedFileURL.path
        #expect(try load("", folder: relative).get().database == .sqlite(path: expected))

        let server = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "database: \"postgresql://veilleur@db/veille\"\n"])
        #expect(try load("", folder: server).get().database == .postgresql(url: "postgresql://veilleur@db/veille"))
    }

    @Test("A refused database: is located at file:line:col and its password is not quoted")
    func mistakesAreLocated() throws {
        for (value, expected) in [
            ("mysql://u:secret@h/db", "database: unsupported database scheme 'mysql'"),
            ("veilleur.sqlite", "database: the database location names no kind of database"),
            ("\"postgresql://u:secret@h/db\\u0007\"", "database: the database location holds the control character U+0007 at character 27"),
            ("\"\"", "database is empty"),
            ("[sqlite:/x]", "expected a string"),
        ] {
            let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": "user_agent: test\ndatabase: \(value)\n"])
            guard case .failure(let error) = load("", folder: folder) else {
                Issue.record("database: \(value) should be refused")
                continue
            }
            let issues = error.issues.map(\.description)
            #expect(issues.count == 1)
            #expect(issues.first?.hasPrefix("\(folder.path("veilleur.yaml")):2:11: \(expected)") == true, "\(issues)")
            #expect(issues.first?.contains("secret") == false)
        }
    }
}
