import Digests
import Foundation
import Testing

@Suite("Writing digest files")
struct DigestFilesTests {
    @Test("An atomic write creates the file and leaves no temporary file")
    func atomicWriteCreates() throws {
        let directory = try TemporaryDirectory()
        let target = directory.url.appendingPathComponent("a.md")
        try AtomicFile.write(Array("bonjour\n".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("bonjour\n".utf8))
        #expect(try directory.contents() == ["a.md"])
    }

    @Test("An atomic write replaces existing content")
    func atomicWriteReplaces() throws {
        let directory = try TemporaryDirectory()
        let target = directory.url.appendingPathComponent("a.md")
        try AtomicFile.write(Array("une version bien plus longue\n".utf8), to: target)
        try AtomicFile.write(Array("courte\n".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("courte\n".utf8))
        #expect(try directory.contents() == ["a.md"])
    }

    @Test("A failed atomic write reports the path and leaves the directory clean")
    func atomicWriteFailure() throws {
        let directory = try TemporaryDirectory()
        let occupied = directory.url.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied.appendingPathComponent("child"), withIntermediateDirectories: true)
        let error = #expect(throws: DigestWriteError.self) {
            try AtomicFile.write(Array("x".utf8), to: occupied)
        }
        #expect(error?.operation == "rename")
        #expect(error?.path == occupied.path)
        #expect(try directory.contents() == ["occupied"])
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
