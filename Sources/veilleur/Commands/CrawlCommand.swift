import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging

/// `veilleur crawl --once`: one pass over the due sources.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Fetch the due sources (all with --all), parse, match, store, and exit.",
        discussion: """
            The last line is a summary: sources fetched / unchanged / failed, new items, new matches; with \
            --json, one JSON object of shape veilleur.crawl/1 instead. On a terminal, a progress line on \
            standard error shows sources done, new items, failures, rate and time left. Sources that fail \
            are counted, not fatal: the status is 0 once the pass is done. Then, as the daemon does daily, \
            what is older than the retention limits of veilleur.yaml is pruned.
            """
    )

    @Flag(name: .long, help: "Run one pass and exit (the only mode of this command; the daemon is `veilleur run`).")
    var once = false
    @Flag(name: .long, help: "Fetch every source, not only the due ones.")
    var all = false
    @Flag(name: .long, help: "Print the summary as one JSON object (veilleur.crawl/1).")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard once else { throw ValidationError("crawl runs one pass: pass --once (the daemon is `veilleur run`).") }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let configuration = try config.load()
        let lock = try await state.lock(.crawl, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let database = try state.databaseChoice(configuration.configuration.settings)
        let pipeline = try await Pipeline(configuration: configuration, state: state.layout, database: database.location, logger: logger)
        let line = progress.line(title: "crawl")
        defer { line?.finish() }
        let startedAt = Date()
        let crawled: (summary: CrawlSummary, sources: Int)
        do {
            crawled = try await pipeline.crawlDue(all: all) { line?.update(ProgressSnapshot($0)) }
            await pipeline.deliverAlerts()
            // Run from cron, this is the only command that could keep the database within its retention limits.
            do {
                _ = try await pipeline.prune()
            } catch {
                logger.error("retention pass failed; tried again at the next crawl", metadata: ["error": "\(error)"])
            }
        } catch {
            await pipeline.leave()
            throw error
        }
        await pipeline.leave()
        let summary = crawled.summary
        line?.finish()
        if json {
            print(CrawlJSON(summary: summary, sources: crawled.sources, startedAt: startedAt, finishedAt: Date()).value.rendered)
        } else {
            print(summary)
        }
    }
}
