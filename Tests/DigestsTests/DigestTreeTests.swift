import Digests
import Foundation
import Testing

@Suite("What a digest run finds in the digests folder")
struct DigestTreeTests {
    @Test("Symbolic links, folders dated after today and stray files are reported, left in place and never copied")
    func unexpectedEntriesReported() throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        let root = directory.url
        let secret = outside.url.appendingPathComponent("secret")
        try Data("secret\n".utf8).write(to: secret)
        let manager = FileManager.default
        for folder in ["2026-11-28", "9999-12-31", "notes"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("2026-11-28/xr.md").path, withDestinationPath: secret.path)
        try Data("futur\n".utf8).write(to: root.appendingPathComponent("9999-12-31/xr.md"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("xr.atom").path, withDestinationPath: secret.path)
        try Data("x".utf8).write(to: root.appendingPathComponent("stray.txt"))

        var run = try DigestWriter(root: root).open(today: today)
        let reported = Set(run.issues.map(\.path))
        for path in ["2026-11-28/xr.md", "9999-12-31", "xr.atom", "notes", "stray.txt"] {
            #expect(reported.contains(root.appendingPathComponent(path).path), "\(path) is reported")
        }
        _ = try run.write(digest([entry("Un", score: 1)]))
        try run.finish()

        #expect(try Data(contentsOf: root.appendingPathComponent("latest/xr.md")) == Data(contentsOf: root.appendingPathComponent("2026-11-26/xr.md")))
        #expect(try Data(contentsOf: secret) == Data("secret\n".utf8), "the link's target is untouched")
        #expect(try directory.contents(of: root.appendingPathComponent("9999-12-31")) == ["xr.md"])
        #expect(manager.fileExists(atPath: root.appendingPathComponent("stray.txt").path))
    }

    @Test("The latest copies and the index are written when the run finishes, once for all its digests")
    func viewsWrittenAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        var run = try DigestWriter(root: directory.url).open(today: today)
        _ = try run.write(digest(profile: "a", [entry("Un", score: 1)]))
        _ = try run.write(digest(profile: "b", [entry("Deux", score: 1)]))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("index.html").path))
        try run.finish()

        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"latest/a.html\"") && index.contains("href=\"latest/b.html\""))
        #expect(try directory.contents(of: directory.url.appendingPathComponent("latest")) == ["a.html", "a.json", "a.md", "b.html", "b.json", "b.md"])
    }

    @Test("A digest dated after today is refused")
    func futureDigestRefused() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: DigestWriteError.self) {
            try DigestWriter(root: directory.url).write(digest(period: "2026-12-01", [entry("Un", score: 1)]))
        }
        #expect(error?.message == "period 2026-12-01 is after today (2026-11-30)")
        #expect(try directory.contents().isEmpty)
    }
}
