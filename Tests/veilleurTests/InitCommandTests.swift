import Foundation
import Testing

/// `veilleur init [DIR]` writes a starter configuration that `check` accepts, and never overwrites a file.
@Suite struct InitCommandTests {
    static let schemaLine = "# yaml-language-server: $schema=../schema/profile.schema.json"
    static let everyKind = ["cluster", "filiere", "territoire", "entreprise"]

    static func files(in config: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let manager = FileManager.default
        let profiles = try manager.contentsOfDirectory(atPath: config.appendingPathComponent("profiles").path).map { "profiles/" + $0 }
        let schemas = ((try? manager.contentsOfDirectory(atPath: config.appendingPathComponent("schema").path)) ?? []).map { "schema/" + $0 }
        for name in ["veilleur.yaml", "sources.yaml"] + profiles + schemas {
            files[name] = try Data(contentsOf: config.appendingPathComponent(name))
        }
        return files
    }

    @Test("init writes veilleur.yaml, sources.yaml and one French profile per kind with the schema line, and check passes")
    func initWritesAConfigurationCheckAccepts() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("veille")
        let result = try CommandRunner.run(["init", config.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try Self.files(in: config)
        #expect(Set(files.keys) == Set(
            ["veilleur.yaml", "sources.yaml", "schema/profile.schema.json", "schema/vocabulary.schema.json"]
                + Self.everyKind.map { "profiles/\($0).yaml" }))
        let shipped = CommandRunner.repositoryRoot.appendingPathComponent("config/schema/profile.schema.json")
        #expect(files["schema/profile.schema.json"] == (try Data(contentsOf: shipped)), "the schema the profiles' modeline names")
        for kind in Self.everyKind {
            let text = String(decoding: files["profiles/\(kind).yaml"]!, as: UTF8.self)
            #expect(text.hasPrefix(Self.schemaLine + "\n"), "\(kind)")
            #expect(text.contains(try Regex("\\nlanguage: fr\\s")), "\(kind)")
            #expect(text.contains("\nkind: \(kind == "filiere" ? "filière" : kind)\n"), "\(kind)")
        }
        #expect(String(decoding: files["veilleur.yaml"]!, as: UTF8.self).hasPrefix("#"), "commented")
        for path in files.keys.sorted() {
            #expect(result.stdout.contains("created \(config.appendingPathComponent(path).path)"), "\(result.stdout)")
        }

        let check = try CommandRunner.run(["check", "--config", config.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("4 profiles"), "\(check.stdout)")
    }

    @Test("init run again keeps every existing file, edited or not, and says so")
    func initNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("veille")
        #expect(try CommandRunner.run(["init", config.path]).status == 0)
        let edited = "sources: []\n# edited by hand\n"
        try edited.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: config.appendingPathComponent("profiles/territoire.yaml"))
        let before = try Self.files(in: config)

        let again = try CommandRunner.run(["init", config.path])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try Self.files(in: config)
        #expect(after.filter { $0.key != "profiles/territoire.yaml" } == before)
        #expect(String(decoding: after["sources.yaml"]!, as: UTF8.self) == edited)
        #expect(again.stdout.contains("kept    \(config.appendingPathComponent("sources.yaml").path)"), "\(again.stdout)")
        #expect(again.stdout.contains("created \(config.appendingPathComponent("profiles/territoire.yaml").path)"), "\(again.stdout)")
    }

    @Test("--kind picks the profiles and --language en writes English ones that check accepts")
    func kindAndLanguagePickTheProfiles() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("watch")
        let result = try CommandRunner.run(["init", config.path, "--kind", "cluster", "--kind", "filière", "--language", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let profiles = try FileManager.default.contentsOfDirectory(atPath: config.appendingPathComponent("profiles").path).sorted()
        #expect(profiles == ["cluster.yaml", "filiere.yaml"])
        for name in profiles {
            let text = try String(contentsOf: config.appendingPathComponent("profiles/\(name)"), encoding: .utf8)
            #expect(text.hasPrefix(Self.schemaLine + "\n"))
            #expect(text.contains(try Regex("\\nlanguage: en\\s")))
        }
        let check = try CommandRunner.run(["check", "--config", config.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("init refuses an unknown kind or language as a usage error")
    func unknownKindOrLanguage() throws {
        let folder = try TemporaryFolder()
        for arguments in [["--kind", "association"], ["--language", "de"]] {
            let result = try CommandRunner.run(["init", folder.url.path] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
        }
    }
}
