import ArgumentParser

/// The `veilleur` command: the daemon and the one-shot commands that run each stage of the pipeline.
@main
struct Veilleur: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veilleur",
        abstract: "A strategic-watch crawler: reads feeds and pages, matches them against watch profiles, writes daily digests.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CrawlCommand.self, ParseCommand.self, MatchCommand.self, DigestCommand.self,
            CheckCommand.self, StatusCommand.self, SourcesCommand.self, ExplainCommand.self, DemoCommand.self,
        ]
    )
}
