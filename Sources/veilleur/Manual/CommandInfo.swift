/// The parts of swift-argument-parser's description of a command tree (`--experimental-dump-help`,
/// `_dumpHelp()`) that the man page shows.
struct CommandInfo: Decodable {
    /// The whole dump: its version and the root command.
    struct Dump: Decodable {
        var serializationVersion: Int
        var command: CommandInfo
    }

    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var arguments: [ArgumentInfo]?
    var subcommands: [CommandInfo]?

    /// Whether the command appears in help, completions and the man page.
    var isShown: Bool { (shouldDisplay ?? true) && commandName != "help" }
}

/// One argument, option or flag of a command.
struct ArgumentInfo: Decodable {
    enum Kind: String, Decodable {
        case positional, option, flag
    }

    struct Name: Decodable {
        /// `long`, `short` or `longWithSingleDash`.
        var kind: String
        var name: String
    }

    var kind: Kind
    var names: [Name]?
    var valueName: String?
    var abstract: String?
    var discussion: String?
    var defaultValue: String?
    var allValues: [String]?
    var isOptional: Bool
    var isRepeating: Bool
    var shouldDisplay: Bool

    /// Whether the man page lists it: `--help` and `--version` are described once, not per command.
    var isShown: Bool {
        shouldDisplay && !(kind == .flag && (names ?? []).contains { $0.name == "help" || $0.name == "version" })
    }
}
