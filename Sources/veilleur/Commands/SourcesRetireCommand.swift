import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging
import Storage

/// `veilleur sources retire NAME…`: retires sources at once, whatever the daemons sharing the database declare.
struct RetireSources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Retire stored sources now, for every daemon sharing the database.",
        discussion: """
            A source leaves the schedule when no daemon heard from within one lease (cluster.lease) lists it; \
            this retires the named ones at once, their items and matches kept. A daemon whose sources.yaml still \
            lists one declares it again at its next start or reload: remove it there too. Prints each source \
            retired; a name never stored is an error (status 64), the others are retired all the same.
            """
    )

    @Argument(help: ArgumentHelp("Names of stored sources.", valueName: "name"))
    var names: [String]
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions

    func run() async throws {
        let loaded = try config.load()
        let database = try state.databaseChoice(loaded.configuration.settings)
        guard !state.isMissingFile(database) else { throw state.nothingStored(database, config: config) }
        LogfmtHandler.bootstrapOnce(level: .warning)
        let store = try await StoreOpener.open(database.location, access: .readWrite, logger: Logger(label: "veilleur"))
        let liveSince = Date().addingTimeInterval(-loaded.configuration.settings.lease)
        let retirement = try await store.retireSources(names, liveSince: liveSince)
        await store.close()
        for name in retirement.retired {
            print("retired \(TerminalText.escaped(name))")
            if let members = retirement.declaredBy[name] {
                StandardError.shared.writeLine(
                    TerminalText.escaped("\(name) was still listed by \(members.joined(separator: ", ")); it comes back when they start or reload with it"))
            }
        }
        if !retirement.unknown.isEmpty {
            let unknown = retirement.unknown.map { "'\(TerminalText.escaped($0))'" }.joined(separator: ", ")
            throw CommandFailure(.usage, "no source is stored as \(unknown)", next: "`veilleur sources list` shows the sources")
        }
    }
}
