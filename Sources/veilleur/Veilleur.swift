import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `veilleur` command: the daemon and the one-shot commands that run each stage of the pipeline.
@main
struct Veilleur: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veilleur",
        abstract: "A strategic-watch crawler: reads feeds and pages, matches them against watch profiles, writes daily digests.",
        discussion: """
            Start with `veilleur init`, then `veilleur check` and `veilleur crawl --once --all`. Logs go to \
            standard error in logfmt; a progress line is drawn there only when it is a terminal.

            \(ExitStatus.helpText)
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, RunCommand.self, CrawlCommand.self, ParseCommand.self, MatchCommand.self, DigestCommand.self,
            CheckCommand.self, StatusCommand.self, SourcesCommand.self, ExplainCommand.self, BacktestCommand.self, DemoCommand.self,
            GenerateManualCommand.self,
        ]
    )

    /// Runs the command the arguments name and ends with a status from ``ExitStatus``, every error
    /// written as one line (swift-argument-parser's own `main` prints usage errors over several lines).
    static func main() async {
        MallocArenas.limit()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let status as ExitStatus {
            terminate(status.rawValue)
        } catch {
            let command = CommandPath.named(by: arguments)
            let failure: CommandFailure
            switch exitCode(for: error) {
            case .success:
                // Help, version and completion scripts travel as errors: let the library print them.
                self.exit(withError: error)
            case .validationFailure:
                failure = ErrorReport.usage(message(for: error), command: command)
            default:
                failure = ErrorReport.failure(for: error, command: command)
            }
            StandardError.shared.report(failure)
            terminate(failure.status.rawValue)
        }
    }
}

/// Ends the process, flushing standard output (the commands' `print`s) first.
private func terminate(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}
