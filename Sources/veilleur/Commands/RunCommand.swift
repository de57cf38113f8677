import ArgumentParser
import Configuration
import Daemon
import Foundation

/// `veilleur run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: crawl sources as they fall due and write the daily digests.",
        discussion: """
            Logs to standard error. A change to a file under --config, or SIGHUP, reloads the configuration \
            (an invalid one is refused, every error logged as file:line:col, and the running one kept); \
            SIGTERM or SIGINT stop it cleanly, aborting transfers in flight. Under systemd (Type=notify) it reports \
            READY, STATUS, RELOADING, STOPPING and pings the watchdog.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap()
        // Installed before loading anything so that an early SIGTERM is not lost.
        let signals = SignalEvents()
        let loaded = try config.load()
        let database = try state.databaseChoice(loaded.configuration.settings)
        let daemon = Daemon(configDirectory: config.url, state: state.layout, database: database.location, logger: logger)
        try await daemon.run(signals: signals.stream)
    }
}
