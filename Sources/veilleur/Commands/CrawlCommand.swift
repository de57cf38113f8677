import ArgumentParser
import Daemon
import Foundation

/// `veilleur crawl --once`: one pass over the due sources.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Fetch the due sources (all with --all), parse, match, store, and exit.",
        discussion: "The last line is a summary: sources fetched / unchanged / failed, new items, new matches."
    )

    @Flag(name: .long, help: "Run one pass and exit (the only mode of this command; the daemon is `veilleur run`).")
    var once = false
    @Flag(name: .long, help: "Fetch every source, not only the due ones.")
    var all = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard once else { throw ValidationError("crawl runs one pass: pass --once (the daemon is `veilleur run`).") }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let lock = try await state.lock(.crawl, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let pipeline = try Pipeline(configuration: try config.load(), state: state.layout, logger: logger)
        let summary = try await pipeline.crawl(try pipeline.dueSources(all: all))
        print(summary)
    }
}
