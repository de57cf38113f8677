/// An error a command reports itself: what went wrong, what to do next, and the status to exit with.
///
/// The entry point prints it as one line, `veilleur: WHAT — NEXT`, with every character a terminal
/// could act on escaped, since `what` often quotes a path, an argument or a server's message.
struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The status the process ends with.
    var status: ExitStatus
    /// What went wrong.
    var what: String
    /// What to do next; empty when `what` already says it.
    var next: String

    init(_ status: ExitStatus, _ what: String, next: String = "") {
        self.status = status
        self.what = what
        self.next = next
    }

    /// The line written to standard error.
    var description: String {
        let flat = (next.isEmpty ? what : "\(what) — \(next)").split(whereSeparator: \.isNewline).joined(separator: " ")
        return "veilleur: " + TerminalText.escaped(flat)
    }
}
