import Foundation
import LoopbackHTTP
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

/// `parse --files-from` reads its inputs from a list, as given on the command line.
@Suite struct ParseFilesFromTests {
    static func feed(_ title: String) -> [UInt8] {
        Array("<rss version=\"2.0\"><channel><item><title>\(title)</title></item></channel></rss>".utf8)
    }

    @Test("the files of a list are parsed in order, after those given as arguments, as if all were arguments")
    func listedFilesAreParsedInOrder() throws {
        let folder = try TemporaryFolder()
        let first = try folder.file("1.xml", Self.feed("un")).path
        let second = try folder.file("2.xml", Self.feed("deux")).path
        let third = try folder.file("3.xml", Self.feed("trois")).path
        let list = try folder.file("list", Array("\(second)\n\n\(third)\r\n".utf8)).path
        let result = try CommandRunner.run(["parse", "--jsonl", first, "--files-from", list])
        let asArguments = try CommandRunner.run(["parse", "--jsonl", first, second, third])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == asArguments.stdout)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test("a list may name http(s) URLs beside files: each is fetched when its turn comes, in order")
    func listedURLsAreFetched() throws {
        let server = try LoopbackServer { request in
            request.path == "/feed.xml"
                ? HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Self.feed("distant"))
                : HTTPResponse(status: 404)
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let path = try folder.file("1.xml", Self.feed("local")).path
        let list = try folder.file("list", Array("\(server.baseURL)/feed.xml\n\(path)\n\(server.baseURL)/absent.xml\n".utf8)).path
        let result = try CommandRunner.run(["parse", "--files-from", list])
        #expect(result.status == 1)
        #expect(result.stdout == "-  distant  \n-  local  \n")
        #expect(result.stderr.hasPrefix("\(server.baseURL)/absent.xml: "), "\(result.stderr)")
        #expect(server.requests.map(\.path) == ["/feed.xml", "/absent.xml"])
    }

    @Test("- reads the list from standard input")
    func listFromStandardInput() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("1.xml", Self.feed("un")).path
        let result = try CommandRunner.run(["parse", "--files-from", "-"], standardInput: Array("\(path)\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "-  un  \n")
    }

    @Test("a bad line is named by its line number and skipped, the other inputs are parsed, and the status says it failed")
    func badLinesAreReportedAndSkipped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("1.xml", Self.feed("un")).path
        let overlong = String(repeating: "a", count: 5000)
        let list = try folder.file("list", Array("\(overlong)\n".utf8) + [0x2F, 0x00, 0x0A] + Array("\(path)\n\(folder.url.path)\n".utf8)).path
        let result = try CommandRunner.run(["parse", "--files-from", list])
        #expect(result.status == 1)
        #expect(result.stdout == "-  un  \n")
        #expect(result.stderr == """
            \(list):1: line longer than 4096 bytes, skipped
            \(list):2: line holds a NUL byte, skipped
            \(folder.url.path) is a directory

            """)
    }

    @Test("a list that cannot be read fails with its name, after the arguments are parsed")
    func missingList() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("1.xml", Self.feed("un")).path
        let missing = folder.url.appendingPathComponent("absent").path
        let result = try CommandRunner.run(["parse", path, "--files-from", missing])
        #expect(result.status == 1)
        #expect(result.stdout == "-  un  \n")
        #expect(result.stderr == "\(missing) cannot be read (no such file)\n")
    }

    @Test("with neither inputs nor a list, parse is a usage error")
    func nothingToParse() throws {
        let result = try CommandRunner.run(["parse"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--files-from"), "\(result.stderr)")
    }
}
