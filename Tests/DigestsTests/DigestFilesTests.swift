@testable import Digests
import Foundation
import Testing

@Suite("Writing digest files")
struct DigestFilesTests {
    /// Writes `text` to `name` in `directory` as the digest writer does.
    private func atomicWrite(_ text: String, to name: String, in directory: borrowing TemporaryDirectory) throws(DigestWriteError) {
        try AtomicFile.replace(name, in: try DirectoryHandle.open(path: directory.url.path), with: Array(text.utf8), mode: 0o644)
    }

    @Test("An atomic write creates the file and leaves no temporary file")
    func atomicWriteCreates() throws {
        let directory = try TemporaryDirectory()
        try atomicWrite("bonjour\n", to: "a.md", in: directory)
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("a.md")) == Data("bonjour\n".utf8))
        #expect(try directory.contents() == ["a.md"])
    }

    @Test("An atomic write replaces existing content")
    func atomicWriteReplaces() throws {
        let directory = try TemporaryDirectory()
        try atomicWrite("une version bien plus longue\n", to: "a.md", in: directory)
        try atomicWrite("courte\n", to: "a.md", in: directory)
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("a.md")) == Data("courte\n".utf8))
        #expect(try directory.contents() == ["a.md"])
    }

    @Test("A failed atomic write reports the path and leaves the directory clean")
    func atomicWriteFailure() throws {
        let directory = try TemporaryDirectory()
        let occupied = directory.url.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied.appendingPathComponent("child"), withIntermediateDirectories: true)
        let error = #expect(throws: DigestWriteError.self) {
            try atomicWrite("x", to: "occupied", in: directory)
        }
        #expect(error?.operation == "rename")
        #expect(error?.path == occupied.path)
        #expect(try directory.contents() == ["occupied"])
    }

    @Test("An atomic write over a symbolic link replaces the link and leaves its target untouched")
    func atomicWriteOverALink() throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        let target = outside.url.appendingPathComponent("target")
        try Data("cible\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("a.md").path, withDestinationPath: target.path)

        try atomicWrite("nouveau\n", to: "a.md", in: directory)
        #expect(try Data(contentsOf: target) == Data("cible\n".utf8))
        let written = directory.url.appendingPathComponent("a.md")
        #expect(try FileManager.default.attributesOfItem(atPath: written.path)[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: written) == Data("nouveau\n".utf8))
    }

    @Test("A file or a folder is opened only if it is one, never through a symbolic link")
    func noReadingThroughALink() throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try Data("secret\n".utf8).write(to: outside.url.appendingPathComponent("secret"))
        for (name, target) in [("a.md", "secret"), ("2026-11-26", "")] {
            try FileManager.default.createSymbolicLink(
                atPath: directory.url.appendingPathComponent(name).path, withDestinationPath: outside.url.appendingPathComponent(target).path)
        }
        let handle = try DirectoryHandle.open(path: directory.url.path)
        #expect(try handle.entries().sorted { $0.name < $1.name }.map(\.kind) == [.symbolicLink, .symbolicLink])
        let read = #expect(throws: DigestWriteError.self) { try handle.read("a.md") }
        #expect(read?.message.contains("symbolic link") == true)
        #expect(throws: DigestWriteError.self) { try handle.subdirectory("2026-11-26", create: true) }
        #expect(try outside.contents() == ["secret"])
    }

    @Test("The writer puts Markdown, JSON and HTML under the period's directory, in that order")
    func writerPaths() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("digests")
        let sample = digest([entry("Un", score: 2)])
        let urls = try DigestWriter(root: root).write(sample)
        #expect(urls.map { $0.path } == ["md", "json", "html"].map { root.path + "/2026-11-26/xr." + $0 })
        #expect(try String(contentsOf: urls[0], encoding: .utf8) == MarkdownDigest.render(sample))
        #expect(Array(try Data(contentsOf: urls[1])) == (try JSONDigest.render(sample)))
        #expect(try String(contentsOf: urls[2], encoding: .utf8) == HTMLDigest.render(sample))
        #expect(try directory.contents(of: root.appendingPathComponent("2026-11-26")) == ["xr.html", "xr.json", "xr.md"])
    }

    @Test("Next to the periods, the writer keeps the profile's feed, the latest copies, the index and its lock, and no temporary file")
    func writerViews() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("digests")
        _ = try DigestWriter(root: root).write(digest([entry("Un", score: 2)]))
        #expect(try directory.contents(of: root) == [".lock", "2026-11-26", "index.html", "latest", "xr.atom"])
        #expect(try directory.contents(of: root.appendingPathComponent("latest")) == ["xr.html", "xr.json", "xr.md"])
    }

    @Test("The writer refuses a profile or period that would escape its directory", arguments: [
        ("../evil", "2026-11-26"), ("xr", "../../etc"), (".hidden", "2026-11-26"), ("", "2026-11-26"), ("xr", "2026-1-26"),
    ])
    func writerRejectsUnsafeNames(profile: String, period: String) throws {
        let directory = try TemporaryDirectory()
        var sample = digest([])
        sample.profile = profile
        sample.period = period
        #expect(throws: DigestWriteError.self) { try DigestWriter(root: directory.url).write(sample) }
        #expect(try directory.contents().isEmpty)
    }
}
