import Foundation
import Model
import Storage
import Testing

/// `veilleur sources retire NAME…` run as a person runs it, on the built binary.
@Suite struct SourcesRetireCommandTests {
    @Test("Named sources are retired at once though another daemon lists them; that daemon is named, and an unknown name fails with 64")
    func retiresNamedSources() async throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try """
            sources:
              - name: a
                url: https://a.example/feed
            """.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let state = folder.url.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let database = state.appendingPathComponent("veilleur.sqlite").path
        let store = try SQLiteStore(path: database)
        let sources = [Source(name: "a", url: "https://a.example/feed"), Source(name: "b", url: "https://b.example/feed")]
        try await store.syncSources(sources, declaredBy: "elsewhere:/srv/veilleur", owner: "elsewhere:/srv/veilleur:1", liveSince: Date().addingTimeInterval(-60), now: Date())

        let result = try CommandRunner.run(["sources", "retire", "b", "nope", "--config", config.path, "--state", state.path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stdout == "retired b\n")
        #expect(result.stderr.contains("b was still listed by elsewhere:/srv/veilleur"), "\(result.stderr)")
        #expect(result.stderr.contains("no source is stored as 'nope'"), "\(result.stderr)")
        let retired = try await store.sourceStates().filter(\.retired).map(\.name)
        #expect(retired == ["b"])
    }

    @Test("Without a database there is nothing to retire")
    func nothingStored() throws {
        let folder = try TemporaryFolder()
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try "sources: []\n".write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["sources", "retire", "b", "--config", config.path, "--state", folder.url.appendingPathComponent("state").path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("no database"), "\(result.stderr)")
    }
}
