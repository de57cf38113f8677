import ArgumentParser
import Configuration
import Daemon
import Storage

/// Turns whatever a command threw into the one line it ends with and the status from ``ExitStatus``.
enum ErrorReport {
    /// `error` as a ``CommandFailure``; `command` is the command line's path (`veilleur sources list`),
    /// for the hints that point to its help.
    static func failure(for error: any Error, command: String) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let error as StateLockError:
            if case .held = error.kind { return CommandFailure(.busy, "\(error)") }
            return CommandFailure(.failure, "\(error)", next: "check the state folder's permissions")
        case let error as DigestPeriodHeld:
            return CommandFailure(.busy, "\(error)", next: "try again once it is done")
        case let error as DigestJobError:
            return CommandFailure(
                .failure, "\(error)", next: "the other digests were written; fix the cause and run `veilleur digest` again")
        case let error as DigestDayError:
            if case .unreadableStore = error { return CommandFailure(.failure, "--date: \(error)") }
            return CommandFailure(.usage, "--date \(error)")
        case let error as StorageError:
            return failure(for: error, reading: false)
        case let error as ConfigurationError:
            return CommandFailure(
                .invalidConfiguration, "\(error.issues.count) configuration error(s): \(error.issues.first.map { "\($0)" } ?? "")",
                next: "run `veilleur check` on the folder")
        case let error as InputFileError:
            return CommandFailure(.failure, error.description)
        default:
            return CommandFailure(.failure, "\(error)", next: "see `\(command) --help`")
        }
    }

    /// A store's failure, with the advice that fits its kind; `reading` for the commands that only read.
    static func failure(for error: StorageError, reading: Bool) -> CommandFailure {
        let next = switch error.kind {
        case .schemaVersion:
            "a crawl (`veilleur crawl --once`) or the daemon brings an older schema up to date; a newer one needs a newer veilleur"
        case .unavailable:
            "check the database location (--database, VEILLEUR_DATABASE_URL, database: of veilleur.yaml) and that it can be reached"
        case .busy:
            "another process holds the database; try again"
        default:
            reading
                ? "check that the database is readable; `veilleur status` reads it too"
                : "check that the database is writable and its disk not full; `veilleur status` reads it"
        }
        return CommandFailure(.failure, "\(error)", next: next)
    }

    /// A mistake on the command line that swift-argument-parser or a command's `validate()` found.
    static func usage(_ message: String, command: String) -> CommandFailure {
        let what = message.hasSuffix(".") ? String(message.dropLast()) : message
        return CommandFailure(.usage, what, next: "see `\(command) --help`")
    }
}
