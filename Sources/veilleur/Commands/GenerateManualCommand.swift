import ArgumentParser
import Foundation

/// `veilleur generate-manual`: the man page, for `make install`. Hidden: a person reads the result with
/// `man veilleur`.
struct GenerateManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Print the veilleur(1) man page (mdoc) for the commands of this binary.",
        shouldDisplay: false
    )

    func run() throws {
        let dump = try JSONDecoder().decode(CommandInfo.Dump.self, from: Data(Veilleur._dumpHelp().utf8))
        print(ManualPage(root: dump.command, date: Self.pageDate()).rendered, terminator: "")
    }

    /// SOURCE_DATE_EPOCH when set, as reproducible builds ask; today otherwise.
    static func pageDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
    }
}
