import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `parse` says in plain words why a file argument cannot be read, without ever blocking on it.
@Suite struct ParseInputTests {
    static let feed = Array("<rss version=\"2.0\"><channel><item><title>un</title></item></channel></rss>".utf8)

    /// Runs `parse` on `path` and checks that it fails with exactly `message` on standard error.
    static func expectRefusal(of path: String, saying message: String, result: CommandRunner.Result) {
        #expect(result.status != 0)
        #expect(result.stderr == message + "\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a directory is refused as a directory")
    func directory() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.path
        Self.expectRefusal(of: path, saying: "\(path) is a directory", result: try CommandRunner.run(["parse", path]))
    }

    @Test("a FIFO is refused as not a regular file, without being opened")
    func fifo() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        Self.expectRefusal(of: path, saying: "\(path) is not a regular file", result: try CommandRunner.run(["parse", path]))
    }

    @Test("a character device is refused as not a regular file")
    func device() throws {
        Self.expectRefusal(of: "/dev/null", saying: "/dev/null is not a regular file", result: try CommandRunner.run(["parse", "/dev/null"]))
    }

    @Test("an empty file is refused as empty")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("empty.xml", []).path
        Self.expectRefusal(of: path, saying: "\(path) is empty", result: try CommandRunner.run(["parse", path]))
    }

    @Test("a missing file is refused as not existing")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("absent.xml").path
        Self.expectRefusal(of: path, saying: "\(path) does not exist", result: try CommandRunner.run(["parse", path]))
    }

    @Test("a file its reader may not read is refused with permission denied")
    func unreadableFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("secret.xml", Self.feed).path
        #expect(chmod(path, 0) == 0)
        Self.expectRefusal(
            of: path, saying: "\(path) cannot be read (permission denied)", result: try CommandRunner.runUnprivileged(["parse", path]))
    }

    @Test("a refused file does not stop the others from being parsed")
    func otherInputsStillParse() throws {
        let folder = try TemporaryFolder()
        let good = try folder.file("feed.xml", Self.feed).path
        let result = try CommandRunner.run(["parse", folder.url.path, good])
        #expect(result.status != 0)
        #expect(result.stdout == "-  un  \n")
        #expect(result.stderr == "\(folder.url.path) is a directory\n")
    }
}

/// `parse` never passes a document it could not read to its end off as complete.
@Suite struct ParseTruncationTests {
    @Test("a feed cut short prints the items before the cut, says where it stops, and fails")
    func truncatedFeedIsReported() throws {
        let folder = try TemporaryFolder()
        let feed = try folder.file("cut.xml", Array("<rss version=\"2.0\"><channel><item><title>un</title></item>\n<item><title>de".utf8))
        let result = try CommandRunner.run(["parse", feed.path])
        #expect(result.status != 0)
        #expect(result.stdout.hasPrefix("-  un  \n"))
        #expect(result.stderr.hasPrefix("\(feed.path): truncated at 2:"), "\(result.stderr)")
        #expect(result.stderr.contains("Premature end of data"))
    }
}
