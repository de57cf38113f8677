import Foundation
import Testing

/// `parse` prints the same bytes into a pipe (enlarged, written in blocks, its items mapped on a thread of their
/// own for a large feed) as into a file, and a problem still follows the items printed before it.
@Suite struct ParseOutputTests {
    /// An RSS feed of about 2.5 MB: past the size from which items are mapped on their own thread, and many
    /// output blocks long.
    static func largeFeed(items: Int, cutShort: Bool = false) -> [UInt8] {
        let text = String(repeating: "Région &amp; filière hydrogène, d&#233;j&#224; lue. ", count: 40)
        var xml = "<rss version=\"2.0\"><channel><title>Flux</title>"
        for number in 0..<items {
            xml += "<item><title>Article \(number)</title><link>https://example.fr/a?x=1&amp;n=\(number)</link>"
                + "<pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate><description>&lt;p&gt;\(text)&lt;/p&gt;</description></item>\n"
        }
        xml += cutShort ? "<item><title>Coupé" : "</channel></rss>"
        return Array(xml.utf8)
    }

    @Test("the lines printed into a pipe are those printed into a file")
    func pipeMatchesFile() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("large.xml", Self.largeFeed(items: 1200)).path
        let outputFile = folder.url.appendingPathComponent("out.jsonl").path
        let toFile = try CommandRunner.runWritingStandardOutput(to: outputFile, ["parse", feed, "--jsonl"])
        #expect(toFile.status == 0)
        let throughPipe = try CommandRunner.run(["parse", feed, "--jsonl"])
        #expect(throughPipe.status == 0)
        let written = try String(contentsOfFile: outputFile, encoding: .utf8)
        #expect(written.utf8.count > 1 << 20)
        #expect(written.split(separator: "\n").count == 1200)
        #expect(throughPipe.stdout == written)
    }

    @Test("pinned to one processor, where the mapping thread and the parse take turns, the lines are the same")
    func oneProcessor() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("large.xml", Self.largeFeed(items: 1200)).path
        let twoCores = try CommandRunner.run(["parse", feed, "--jsonl"])
        let taskset = URL(fileURLWithPath: "/usr/bin/taskset")
        try #require(FileManager.default.isExecutableFile(atPath: taskset.path), "taskset (util-linux) is needed")
        let oneCore = try CommandRunner.run(executable: taskset, ["-c", "0", CommandRunner.binary.path, "parse", feed, "--jsonl"])
        #expect(oneCore.status == 0)
        #expect(oneCore.stdout.split(separator: "\n").count == 1200)
        #expect(oneCore.stdout == twoCores.stdout)
    }

    @Test("a large feed cut short prints all its items, then says where it stops")
    func problemFollowsItems() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("cut.xml", Self.largeFeed(items: 1200, cutShort: true)).path
        let result = try CommandRunner.runMergingStandardError(["parse", feed, "--jsonl"])
        #expect(result.status != 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1202)
        #expect(lines[1200].hasPrefix(#"{"feed_title":"Flux","title":"Coupé""#))
        #expect(lines[1201].hasPrefix("\(feed): truncated at "))
    }
}
