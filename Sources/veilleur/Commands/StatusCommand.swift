import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model
import Storage

/// `veilleur status`: how the watch is doing, in a few lines.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise sources ok and failing, the crawl lag, the last crawl, today's items and matches, the next digest and where metrics are published.",
        discussion: "With --json, one JSON object of shape veilleur.status/1."
    )

    @Flag(name: .long, help: "Print one JSON object (veilleur.status/1).")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions

    func run() async throws {
        let loaded = try config.load()
        let database = try state.databaseChoice(loaded.configuration.settings)
        guard !state.isMissingFile(database) else { throw state.nothingStored(database, config: config) }
        let store = try await state.openReadOnly(database)
        let report = try await StatusReport(
            layout: state.layout, database: database.location, store: store,
            sources: Set(loaded.configuration.sources.map(\.name)), schedule: loaded.digestSchedule,
            plan: loaded.digestPlan, metrics: loaded.configuration.settings.metrics, now: Date())
        await store.close()
        print(json ? report.json.rendered : report.text)
    }
}
