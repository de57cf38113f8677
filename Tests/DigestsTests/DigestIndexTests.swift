import Digests
import Foundation
import Testing

@Suite("Index and latest copies of the digests")
struct DigestIndexTests {
    /// Writes three periods out of order, for two profiles.
    private func writeSample(in root: URL) throws {
        let writer = DigestWriter(root: root)
        _ = try writer.write(digest(period: "2026-11-24", [entry("Vingt-quatre", score: 1)]))
        _ = try writer.write(digest(period: "2026-11-26", [entry("Vingt-six", score: 1)]))
        _ = try writer.write(digest(profile: "autre", period: "2026-11-25", [entry("Autre", score: 1)]))
        _ = try writer.write(digest(period: "2026-11-25", [entry("Vingt-cinq", score: 1)]))
    }

    @Test("The index lists the periods newest first, whatever the order they were written in")
    func periodsNewestFirst() throws {
        let directory = try TemporaryDirectory()
        try writeSample(in: directory.url)
        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        let order = ["2026-11-26", "2026-11-25", "2026-11-24"].compactMap { index.range(of: ">\($0)</h2>")?.lowerBound }
        #expect(order.count == 3)
        #expect(order == order.sorted())
    }

    @Test("The index links each profile's files with relative links")
    func relativeLinks() throws {
        let directory = try TemporaryDirectory()
        try writeSample(in: directory.url)
        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        for format in ["html", "md", "json"] {
            #expect(index.contains("href=\"2026-11-25/autre.\(format)\""))
            #expect(index.contains("href=\"latest/xr.\(format)\""))
        }
        #expect(index.contains("href=\"xr.atom\""))
        #expect(!index.contains("href=\"2026-11-24/autre"))
        #expect(!index.contains("<script"))
    }

    @Test("The latest copies are the newest period's files, not the last written")
    func latestCopies() throws {
        let directory = try TemporaryDirectory()
        try writeSample(in: directory.url)
        let latest = directory.url.appendingPathComponent("latest")
        for format in ["html", "md", "json"] {
            #expect(try Data(contentsOf: latest.appendingPathComponent("xr.\(format)"))
                == Data(contentsOf: directory.url.appendingPathComponent("2026-11-26/xr.\(format)")))
            #expect(try Data(contentsOf: latest.appendingPathComponent("autre.\(format)"))
                == Data(contentsOf: directory.url.appendingPathComponent("2026-11-25/autre.\(format)")))
        }
        #expect(try directory.contents(of: latest) == ["autre.html", "autre.json", "autre.md", "xr.html", "xr.json", "xr.md"])
    }

    @Test("Files and folders that are not periods are left out of the index")
    func strayEntriesIgnored() throws {
        let directory = try TemporaryDirectory()
        try Data("x".utf8).write(to: directory.url.appendingPathComponent("2026-11-20"))
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("notes"), withIntermediateDirectories: true)
        _ = try DigestWriter(root: directory.url).write(digest([entry("Un", score: 1)]))
        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("2026-11-20"))
        #expect(!index.contains("notes"))
        #expect(index.contains(">2026-11-26</h2>"))
    }

    @Test("A profile id that is not URL-safe is percent-encoded in links and escaped in text")
    func unusualProfileName() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest(profile: "a b#<c>", [entry("Un", score: 1)]))
        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"2026-11-26/a%20b%23%3Cc%3E.html\""))
        #expect(index.contains("<span class=\"id\">a b#&lt;c&gt;</span></td>"))
    }
}
