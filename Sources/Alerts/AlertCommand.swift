/// The command run for each alert, with the alert's JSON on its standard input.
public struct AlertCommand: Sendable, Equatable {
    /// The argument vector; the first is the program's absolute path. Run as is, never through a shell.
    public var arguments: [String]
    /// A run lasting longer is killed, with every process it started in its process group.
    public var timeout: Duration

    public init(arguments: [String], timeout: Duration) {
        self.arguments = arguments
        self.timeout = timeout
    }
}

/// One run of an alert command: how it ended, and the start of what it wrote.
public struct CommandRun: Sendable, Equatable {
    /// How many bytes of the command's standard output and error are kept: enough for an error message.
    public static let outputLimit = 2048

    public var outcome: CommandOutcome
    /// The first ``outputLimit`` bytes the command wrote on its standard output and error, as text.
    public var output: String

    public init(outcome: CommandOutcome, output: String = "") {
        self.outcome = outcome
        self.output = output
    }
}

/// How one run of an alert command ended.
public enum CommandOutcome: Sendable, Equatable, CustomStringConvertible {
    /// It exited with status 0.
    case succeeded
    /// It exited with another status.
    case exited(Int32)
    /// A signal ended it (not ours).
    case signalled(Int32)
    /// It outlived its timeout and was killed.
    case timedOut
    /// It could not be started: the `errno` of the failure (a missing program, no permission…).
    case notStarted(Int32)

    public var succeeded: Bool { self == .succeeded }

    public var description: String {
        switch self {
        case .succeeded: "exit status 0"
        case .exited(let status): "exit status \(status)"
        case .signalled(let signal): "killed by signal \(signal)"
        case .timedOut: "killed at its timeout"
        case .notStarted(let code): "could not start (errno \(code))"
        }
    }
}
