import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model
import Storage

/// `veilleur backtest`: what a profile as it is now on disk would have alerted among the stored items,
/// against what it alerted.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay stored items through a profile as it is now on disk and compare with what it alerted.",
        discussion: """
            Items first stored within --since are matched again with the profile file as it is now, each with \
            the source it was stored from; the items alerted now and not then (added), then and not now \
            (removed), and both with another score (re-ranked) are listed with their row id (for `veilleur \
            explain`), rank then → now among the window's alerts, score then → now, source and title. The last \
            line is a summary. Items of sources no longer configured are left out and counted. The database \
            is opened read-only and no lock is taken: it runs beside the daemon and changes nothing. On a \
            terminal, a progress line on standard error counts the items. With --json, one JSON object of shape \
            veilleur.backtest/1 listing every item.
            """
    )

    @Flag(name: .long, help: "Print one JSON object (veilleur.backtest/1) with every item.")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @Option(name: .long, help: ArgumentHelp("The profile id (its file name without .yaml).", valueName: "profile"))
    var profile: String
    @Option(name: .long, help: ArgumentHelp("How far back to replay: hours, days or weeks (12h, 30d, 2w).", valueName: "duration"))
    var since = Lookback(argument: "30d")!
    @Option(name: .long, help: ArgumentHelp("Items listed per table; 0 lists them all (--json always does).", valueName: "n"))
    var limit = 20
    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more, not \(limit).") }
    }

    func run() async throws {
        let configuration = try config.load().configuration
        let chosen = try config.profile(profile, in: configuration)
        let database = try state.databaseChoice(configuration.settings)
        guard !state.isMissingFile(database) else { throw state.nothingStored(database, config: config) }
        let store = try await state.openReadOnly(database)
        let line = progress.line(title: "backtest")
        defer { line?.finish() }
        let report: BacktestReport
        do {
            report = try await Backtest(store: store, profile: chosen, sources: configuration.sources)
                .run(seenSince: since.start(before: Date())) { line?.update(ProgressSnapshot($0)) }
        } catch {
            // The store's usual advice is about writing; this command only reads.
            await store.close()
            throw CommandFailure(.failure, "\(error)", next: "check that the database is readable; `veilleur status` reads it too")
        }
        await store.close()
        line?.finish()
        if json {
            print(BacktestJSON(profile: chosen, report: report).value.rendered)
        } else {
            print(BacktestText(profile: chosen, report: report, limit: limit).rendered)
        }
    }
}
