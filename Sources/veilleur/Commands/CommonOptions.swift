import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging
import Model
import Storage

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

/// `--state DIR`: the folder with the digests and, unless `--database` names another, the database;
/// `--database URL`: where the store is.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("State folder (digests/, and the SQLite database unless --database names another).", valueName: "dir"))
    var state: String = "state"
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: sqlite:PATH or postgresql://USER@HOST/DB. Default: $VEILLEUR_DATABASE_URL, then database: of veilleur.yaml, then sqlite:STATE/veilleur.sqlite.",
            valueName: "url"))
    var database: String?

    var layout: StateLayout { StateLayout(root: URL(fileURLWithPath: state, isDirectory: true)) }

    /// The database to use with `settings`: this option, `VEILLEUR_DATABASE_URL`, `database:` of
    /// `veilleur.yaml`, then the state folder's file (see ``DatabaseChoice``); a value refused is a usage error.
    func databaseChoice(_ settings: Settings) throws(CommandFailure) -> DatabaseChoice {
        do {
            return try DatabaseChoice.resolve(option: database, environment: ProcessInfo.processInfo.environment, settings: settings, state: layout)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    /// Takes the state folder's lock for a one-shot command that writes: refused at once beside a running
    /// daemon (``ExitStatus/busy``), granted after waiting for another one-shot command.
    func lock(_ role: StateLock.Role, logger: Logger) async throws -> StateLock {
        try layout.prepare()
        return try await StateLock.acquire(layout, role: role) { holder in
            logger.notice("waiting for the state folder", metadata: ["holder": "\(holder)", "state": "\(state)"])
        }
    }

    /// Whether `choice` is a SQLite file that does not exist: a command that reads has nothing to read
    /// then. A server is asked instead, when the store opens.
    func isMissingFile(_ choice: DatabaseChoice) -> Bool {
        guard case .sqlite(let path) = choice.location else { return false }
        return !FileManager.default.fileExists(atPath: path)
    }

    /// The failure of a read-only command whose SQLite file does not exist.
    func nothingStored(_ choice: DatabaseChoice, config: ConfigOptions) -> CommandFailure {
        let database = choice.origin == .option ? " --database \(choice.location)" : ""
        return CommandFailure(
            .failure, "no database at \(choice.location)",
            next: "run `veilleur crawl --once --config \(config.config) --state \(state)\(database)` or start the daemon on this database")
    }

    /// Opens the store of `choice` read-only, for a command that changes nothing (see ``StoreAccess/readOnly``).
    func openReadOnly(_ choice: DatabaseChoice) async throws(CommandFailure) -> any Store {
        LogfmtHandler.bootstrapOnce(level: .warning)
        do {
            return try await StoreOpener.open(choice.location, access: .readOnly, logger: Logger(label: "veilleur"))
        } catch {
            throw ErrorReport.failure(for: error, reading: true)
        }
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
