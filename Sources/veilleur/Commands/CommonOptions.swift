import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging
import Model

/// `--config DIR`: the folder with `sources.yaml`, `profiles/` and the optional `veilleur.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration folder (sources.yaml, profiles/, veilleur.yaml).", valueName: "dir"))
    var config: String = "config"

    var url: URL { URL(fileURLWithPath: config, isDirectory: true) }

    /// Loads the configuration; when it is invalid, prints every issue as `file:line:col: message` and
    /// fails with ``ExitStatus/invalidConfiguration``.
    func load() throws(CommandFailure) -> LoadedConfiguration {
        do {
            return try LoadedConfiguration.load(directory: url)
        } catch {
            for issue in error.issues { StandardError.shared.writeLine(TerminalText.escaped("\(issue)")) }
            let count = error.issues.count == 1 ? "1 error" : "\(error.issues.count) errors"
            throw CommandFailure(
                .invalidConfiguration, "\(count) in \(config)", next: "fix them, then run `veilleur check --config \(config)`")
        }
    }

    /// The profile `id` of `configuration`, or a usage error that lists the profiles there are.
    func profile(_ id: String, in configuration: Configuration) throws(CommandFailure) -> Profile {
        guard let profile = configuration.profiles.first(where: { $0.id == id }) else {
            let known = configuration.profiles.map(\.id).sorted().joined(separator: ", ")
            throw CommandFailure(.usage, "no profile '\(id)' in \(config)", next: "profiles: \(known)")
        }
        return profile
    }
}

/// `--state DIR`: the folder with the database and the digests.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("State folder (SQLite database, digests/).", valueName: "dir"))
    var state: String = "state"

    var layout: StateLayout { StateLayout(root: URL(fileURLWithPath: state, isDirectory: true)) }

    /// Takes the state folder's lock for a one-shot command that writes: refused at once beside a running
    /// daemon (``ExitStatus/busy``), granted after waiting for another one-shot command.
    func lock(_ role: StateLock.Role, logger: Logger) async throws -> StateLock {
        try layout.prepare()
        return try await StateLock.acquire(layout, role: role) { holder in
            logger.notice("waiting for the state folder", metadata: ["holder": "\(holder)", "state": "\(state)"])
        }
    }

    /// The failure of a read-only command run on a state folder without a database.
    func nothingStored(config: ConfigOptions) -> CommandFailure {
        CommandFailure(
            .failure, "no database at \(layout.database.path)",
            next: "run `veilleur crawl --once --config \(config.config) --state \(state)` or start the daemon on this state folder")
    }
}

/// `--log-level`: how much the daemon tells on standard error.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Lowest level logged to standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// Installs the logfmt handler once and returns the root logger.
    func bootstrap() -> Logger {
        LogfmtHandler.bootstrapOnce(level: logLevel)
        return Logger(label: "veilleur")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
