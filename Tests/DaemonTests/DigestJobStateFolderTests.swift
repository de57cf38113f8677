import Daemon
import Foundation
import Storage
import Testing

/// The digests tree is read and written as veilleur lays it out: a symbolic link or a folder dated after
/// today is reported and left alone, never followed, read or copied.
@Suite struct DigestJobStateFolderTests {
    /// A file outside the state folder, readable by its owner only.
    private func secret(in folder: TemporaryFolder) throws -> URL {
        try folder.write("secret outside the state folder", to: "outside/secret")
        let secret = folder.url.appendingPathComponent("outside/secret")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)
        return secret
    }

    private func link(_ relativePath: String, in folder: TemporaryFolder, to target: URL) throws {
        let link = folder.state.digests.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
    }

    @Test("A symbolic link in place of the lock file is refused and its target is never created")
    func lockFileSymlink() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("outside"), withIntermediateDirectories: true)
        let target = folder.url.appendingPathComponent("outside/created-by-the-lock")
        try link(".lock", in: folder, to: target)

        await #expect(throws: (any Error).self) { try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date()) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        await #expect(try pipeline.store.pendingDigests().isEmpty, "no match is assigned to a digest that cannot be written")
    }

    @Test("Digest files that are symbolic links, in a later or a future folder, are neither read nor copied into latest/")
    func digestFileSymlinks() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        let secret = try secret(in: folder)
        for period in ["2026-11-28", "9999-12-31"] {
            for format in ["md", "json", "html"] { try link("\(period)/circulaire.\(format)", in: folder, to: secret) }
        }

        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let digests = folder.state.digests
        for format in ["md", "json", "html"] {
            let copy = digests.appendingPathComponent("latest/circulaire.\(format)")
            #expect(try Data(contentsOf: copy) == Data(contentsOf: digests.appendingPathComponent("2026-11-25/circulaire.\(format)")))
        }
        let written = FileManager.default.enumerator(at: digests, includingPropertiesForKeys: [.isSymbolicLinkKey])?
            .compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == false } ?? []
        let leaked = written.filter { (try? String(contentsOf: $0, encoding: .utf8))?.contains("secret outside") == true }
        #expect(leaked.isEmpty, "copied from a link: \(leaked.map(\.lastPathComponent))")
        let index = try String(contentsOf: digests.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("2026-11-28/circulaire"))
        #expect(!index.contains("9999-12-31"))
    }

    @Test("A period folder that is a symbolic link is not written through")
    func periodFolderSymlink() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        let outside = folder.url.appendingPathComponent("outside/period")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try link("2026-11-25", in: folder, to: outside)

        await #expect(throws: (any Error).self) { try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test("A copy in latest/ is never more readable than the digest it copies")
    func latestCopyKeepsPermissions() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        try folder.write("# private\n", to: "state/digests/2026-11-28/circulaire.md")
        let ownerOnly = folder.state.digests.appendingPathComponent("2026-11-28/circulaire.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: ownerOnly.path)

        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let copy = folder.state.digests.appendingPathComponent("latest/circulaire.md")
        #expect(try String(contentsOf: copy, encoding: .utf8) == "# private\n")
        let mode = try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("A folder dated after today is neither the latest digest nor listed in the index")
    func futureFolderIgnored() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        for format in ["md", "json", "html"] {
            try folder.write("from the future", to: "state/digests/9999-12-31/circulaire.\(format)")
        }

        try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date())
        let digests = folder.state.digests
        #expect(try Data(contentsOf: digests.appendingPathComponent("latest/circulaire.md"))
            == Data(contentsOf: digests.appendingPathComponent("2026-11-25/circulaire.md")))
        let index = try String(contentsOf: digests.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("9999-12-31"))
    }

    @Test("Writing the digests of a day after today is refused and assigns nothing")
    func futurePeriodRefused() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))

        await #expect(throws: (any Error).self) { try await pipeline.writeDigests(period: "9999-12-31", cutoff: Date()) }
        #expect(!FileManager.default.fileExists(atPath: folder.state.digests.appendingPathComponent("9999-12-31").path))
        await #expect(try pipeline.store.pendingDigests().isEmpty)
        await #expect(try pipeline.store.activity(since: .distantPast).pendingMatches == 3, "the matches wait for a real day")
    }
}
