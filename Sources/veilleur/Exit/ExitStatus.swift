import Foundation

/// The statuses every `veilleur` command exits with: the one table that `--help`, the man page and the
/// README show, so that a script can tell "fix the configuration" from "try again later".
///
/// A crawl whose sources partly failed still ends with ``ok``: on a watch of thousands of sources some
/// always fail, and their failures are counted in the summary (`failed`), listed by `sources list` and
/// shown in every digest, so a status of their own would only train people to ignore it.
enum ExitStatus: Int32, Error, CaseIterable, Sendable {
    /// The command did what it was asked.
    case ok = 0
    /// Something failed while working: a file, the network, the database or a digest.
    case failure = 1
    /// The configuration folder does not load.
    case invalidConfiguration = 2
    /// The command line is wrong (sysexits' EX_USAGE, as swift-argument-parser uses).
    case usage = 64
    /// Another veilleur holds the state folder (sysexits' EX_TEMPFAIL).
    case busy = 75

    /// What the status means, in the words of the documentation.
    var meaning: String {
        switch self {
        case .ok:
            "Done. A crawl whose sources partly failed still exits 0: its summary counts them (failed) and veilleur sources list shows them."
        case .failure:
            "A runtime failure: an input that cannot be read, a database or a digest that cannot be written, nothing stored yet. The error line says what to do."
        case .invalidConfiguration:
            "The configuration is invalid: every mistake is printed as file:line:col: message; veilleur check --config DIR lists them again."
        case .usage:
            "The command line is wrong: an unknown command or option, a missing argument, or a value that names nothing (a --date outside the stored days, an unknown --profile or item)."
        case .busy:
            "The state folder is in use: the daemon runs on it (crawl and digest refuse at once), or a second daemon was started. Try again later or use another --state."
        }
    }

    /// The status in a few words, short enough for one line of `--help`.
    var summary: String {
        switch self {
        case .ok: "done (sources failing in a crawl are counted, not fatal)"
        case .failure: "runtime failure (an input, the database, a digest; nothing stored)"
        case .invalidConfiguration: "invalid configuration (veilleur check lists every mistake)"
        case .usage: "wrong command line (unknown option, missing or invalid value)"
        case .busy: "state folder in use by another veilleur: try again later"
        }
    }

    /// The table as `--help` shows it, one status a line.
    static var helpText: String {
        "Exit status:\n" + allCases.map { "  \(String($0.rawValue).padding(toLength: 3, withPad: " ", startingAt: 0)) \($0.summary)" }
            .joined(separator: "\n")
    }
}
