import ArgumentParser
import Foundation

/// `--quiet`, for the commands that show a progress line: `crawl`, `digest`, and any later command that
/// counts work towards a total.
struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show no progress line (it is shown only when standard error is a terminal).")
    var quiet = false

    /// The progress line for `title`, or nil when nothing is to be drawn: `--quiet`, or standard error
    /// is not a terminal (a pipe, a file, the journal), where the logs stay plain logfmt lines.
    func line(title: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressLine? {
        let traits = TerminalTraits.standardError(environment: environment)
        guard !quiet, traits.showsProgress else { return nil }
        return ProgressLine(title: title, colours: traits.colours)
    }
}
