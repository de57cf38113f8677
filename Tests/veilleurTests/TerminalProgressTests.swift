import Foundation
import Testing

/// On a terminal, `crawl` and `digest` show one live progress line on standard error, redrawn in place and
/// cleared at the end; through pipes, and with `--quiet`, nothing of it is written.
@Suite struct TerminalProgressTests {
    /// The frames of a progress line in a terminal transcript: text drawn after a carriage return and
    /// closed by erase-to-end-of-line.
    static func frames(in transcript: String) -> [String] {
        transcript.matches(of: /\r([^\r\n]+?)\x{1B}\[K/).map { String($0.1) }
    }

    /// Whether `text` holds an SGR sequence (colour, bold…).
    static func hasColour(_ text: String) -> Bool {
        text.contains(/\x{1B}\[[0-9;]*m/)
    }

    static func crawl(_ config: URL, _ folder: borrowing TemporaryFolder, _ extra: [String] = []) -> [String] {
        ["crawl", "--once", "--all", "--config", config.path, "--state", folder.url.appendingPathComponent("state").path] + extra
    }

    @Test("crawl on a terminal draws done/total, new items and failures in place, failures in colour, then clears the line")
    func crawlDrawsProgressOnATerminal() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try PseudoTerminal.run(Self.crawl(config, folder))
        #expect(result.status == 0, "\(result.terminal)")

        let frames = Self.frames(in: result.terminal)
        let total = CrawlSite.feedCount + 1
        #expect(frames.first?.contains("0/\(total) sources") == true, "\(frames)")
        let last = try #require(frames.last)
        #expect(last.contains("\(total)/\(total) sources"), "\(last)")
        #expect(last.contains("\(CrawlSite.feedCount * CrawlSite.itemsPerFeed) new items"), "\(last)")
        #expect(last.contains("\u{1B}[31m1 failed"), "failures are red: \(last.debugDescription)")
        #expect(result.terminal.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end: \(result.terminal.suffix(80).debugDescription)")
        #expect(result.stdout == "sources: 5 fetched, 0 unchanged, 1 failed; 10 new items, 5 new matches\n")
    }

    @Test("a log line written while the progress line is shown starts on a cleared line and is whole")
    func logLinesAreNotGarbled() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try PseudoTerminal.run(Self.crawl(config, folder))
        #expect(result.status == 0)
        let warnings = result.terminal.ranges(of: "ts=")
        #expect(!warnings.isEmpty, "the broken source is logged: \(result.terminal.debugDescription)")
        for range in warnings {
            let before = result.terminal[..<range.lowerBound]
            #expect(before.isEmpty || before.hasSuffix("\r\u{1B}[K") || before.hasSuffix("\n"), "\(before.suffix(40).debugDescription)")
            let line = result.terminal[range.lowerBound...].prefix { $0 != "\r" && $0 != "\n" }
            #expect(line.contains(" level="), "\(line)")
            #expect(!line.contains("\u{1B}"), "\(line.debugDescription)")
        }
    }

    @Test("with standard output on the same terminal, the summary line is printed on a cleared line")
    func summaryFollowsAClearedLine() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try PseudoTerminal.run(Self.crawl(config, folder), stdout: .terminal)
        #expect(result.status == 0)
        #expect(result.terminal.hasSuffix("\r\u{1B}[Ksources: 5 fetched, 0 unchanged, 1 failed; 10 new items, 5 new matches\r\n"),
                "\(result.terminal.suffix(120).debugDescription)")
    }

    @Test("NO_COLOR keeps the progress line and drops its colours")
    func noColourWhenNoColorIsSet() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try PseudoTerminal.run(Self.crawl(config, folder), environment: CommandRunner.plainEnvironment(adding: ["NO_COLOR": "1"]))
        #expect(result.status == 0)
        #expect(Self.frames(in: result.terminal).last?.contains("1 failed") == true)
        #expect(!Self.hasColour(result.terminal), "\(result.terminal.debugDescription)")
    }

    @Test("--quiet shows no progress line on a terminal and keeps the summary")
    func quietSilencesTheProgressLine() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try PseudoTerminal.run(Self.crawl(config, folder, ["--quiet"]))
        #expect(result.status == 0)
        #expect(Self.frames(in: result.terminal).isEmpty, "\(result.terminal.debugDescription)")
        #expect(!result.terminal.contains("\u{1B}"))
        #expect(result.stdout.hasPrefix("sources: 5 fetched"))
    }

    @Test("through pipes, crawl writes no carriage return and no escape sequence, and logs stay logfmt")
    func nothingOfItThroughPipes() throws {
        let site = try CrawlSite()
        let folder = try TemporaryFolder()
        let config = try site.writeConfiguration(in: folder.url)
        let result = try CommandRunner.run(Self.crawl(config, folder), environment: CommandRunner.plainEnvironment())
        #expect(result.status == 0)
        for output in [result.stdout, result.stderr] {
            #expect(!output.contains("\r") && !output.contains("\u{1B}"), "\(output.debugDescription)")
        }
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("ts=") }, "\(result.stderr)")
        #expect(result.stdout == "sources: 5 fetched, 0 unchanged, 1 failed; 10 new items, 5 new matches\n")
    }

    @Test("digest on a terminal counts profiles in place; through pipes it writes only the paths")
    func digestDrawsProgressOnATerminalOnly() throws {
        let folder = try TemporaryFolder()
        let state = folder.url.appendingPathComponent("state").path
        let onTerminal = try PseudoTerminal.run(["digest", "--config", "config", "--state", state])
        #expect(onTerminal.status == 0, "\(onTerminal.terminal)")
        let frames = Self.frames(in: onTerminal.terminal)
        #expect(frames.first?.contains("0/4 profiles") == true, "\(frames)")
        #expect(frames.last?.contains("4/4 profiles") == true, "\(frames)")
        #expect(onTerminal.stdout.split(separator: "\n").count == 4 * 3, "html, md and json per profile")

        let piped = try CommandRunner.run(["digest", "--config", "config", "--state", state], environment: CommandRunner.plainEnvironment())
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}"))
    }

    @Test("backtest on a terminal counts the items in place and what would alert, then clears the line before its listing")
    func backtestDrawsProgressOnATerminal() throws {
        let crawled = try BacktestCommandTests.CrawledState()
        let result = try PseudoTerminal.run(["backtest", "--config", crawled.config, "--state", crawled.state, "--profile", "veille"])
        #expect(result.status == 0, "\(result.terminal)")
        let frames = Self.frames(in: result.terminal)
        #expect(frames.first?.contains("0/10 items") == true, "\(frames)")
        let last = try #require(frames.last)
        #expect(last.contains("10/10 items") && last.contains("8 would alert"), "\(last)")
        #expect(result.terminal.hasSuffix("\r\u{1B}[K"), "\(result.terminal.suffix(80).debugDescription)")
        #expect(result.stdout.hasSuffix("+4 added, −1 removed, 4 re-ranked\n"))

        let quiet = try PseudoTerminal.run(["backtest", "--quiet", "--config", crawled.config, "--state", crawled.state, "--profile", "veille"])
        #expect(quiet.status == 0)
        #expect(quiet.terminal.isEmpty, "\(quiet.terminal.debugDescription)")
    }
}
