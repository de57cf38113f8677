import ArgumentParser

/// The command a command line names, as a person types it (`veilleur sources list`), for hints.
enum CommandPath {
    /// Follows the subcommand names among `arguments`, skipping options, as far as they name commands.
    static func named(by arguments: [String], root: any ParsableCommand.Type = Veilleur.self) -> String {
        var path = [root._commandName]
        var current = root
        for argument in arguments where !argument.hasPrefix("-") {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            current = next
        }
        return path.joined(separator: " ")
    }
}
