import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model

/// `veilleur check`: validate the configuration folder.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate sources and profiles; print every error as file:line:col: message.",
        discussion: "Exits 0 when the folder is valid, 2 otherwise."
    )

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let loaded = try config.load()
        let configuration = loaded.configuration
        let terms = configuration.profiles.reduce(0) { $0 + $1.topics.reduce(0) { $0 + $1.terms.count } }
        print("\(config.config): ok — \(configuration.sources.count) sources, \(configuration.profiles.count) profiles, \(terms) terms")
        // Valid, but a choice someone must keep making: the daemon logs it at every load too.
        for source in configuration.sources where source.ignoresRobots {
            StandardError.shared.writeLine(
                TerminalText.escaped("warning: source \(source.name) ignores robots.txt (robots: ignore); its site asked crawlers to keep out of some pages"))
        }
    }
}
