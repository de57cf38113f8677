import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging

/// `--config DIR`: the folder with `sources.yaml`, `profiles/` and the optional `veilleur.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration folder (sources.yaml, profiles/, veilleur.yaml).", valueName: "dir"))
    var config: String = "config"

    var url: URL { URL(fileURLWithPath: config, isDirectory: true) }

    /// Loads the configuration, printing every issue as `file:line:col: message` when it is invalid.
    func load() throws -> LoadedConfiguration {
        do {
            return try LoadedConfiguration.load(directory: url)
        } catch {
            for issue in error.issues { FileHandle.standardError.writeLine("\(issue)") }
            FileHandle.standardError.writeLine("veilleur: \(error.issues.count) error(s) in \(config)")
            throw ExitCode(2)
        }
    }
}

/// `--state DIR`: the folder with the database and the digests.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("State folder (SQLite database, digests/).", valueName: "dir"))
    var state: String = "state"

    var layout: StateLayout { StateLayout(root: URL(fileURLWithPath: state, isDirectory: true)) }

    /// Takes the state folder's lock for a one-shot command that writes: refused at once beside a running
    /// daemon, granted after waiting for another one-shot command.
    func lock(_ role: StateLock.Role, logger: Logger) async throws -> StateLock {
        do {
            try layout.prepare()
            return try await StateLock.acquire(layout, role: role) { holder in
                logger.notice("waiting for the state folder", metadata: ["holder": "\(holder)", "state": "\(state)"])
            }
        } catch let error as StateLockError {
            throw Self.refusal(error)
        }
    }

    /// Says why the state folder is not available in one plain line and ends with status 75
    /// (EX_TEMPFAIL), so that a script can tell "try again later" from a failure.
    static func refusal(_ error: StateLockError) -> ExitCode {
        FileHandle.standardError.writeLine("veilleur: \(error)")
        return ExitCode(75)
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

extension FileHandle {
    /// Writes `text` and a newline in one call, so lines from several threads do not interleave.
    func writeLine(_ text: String) {
        write(Data((text + "\n").utf8))
    }
}
