#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What standard error is connected to, which decides whether a progress line and colours are shown.
struct TerminalTraits: Sendable, Equatable {
    /// Standard error is a terminal that understands carriage return and erase-to-end-of-line.
    var showsProgress: Bool
    /// Colours may be used: a terminal, and `NO_COLOR` unset or empty (https://no-color.org).
    var colours: Bool

    /// The traits of a stream that is a terminal or not, in `environment`.
    init(isTerminal: Bool, environment: [String: String]) {
        let capable = isTerminal && environment["TERM"] != "dumb"
        showsProgress = capable
        colours = capable && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The traits of this process's standard error.
    static func standardError(environment: [String: String]) -> TerminalTraits {
        TerminalTraits(isTerminal: isatty(2) == 1, environment: environment)
    }

    /// Columns of the terminal on standard error now (80 when it does not say).
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
