/// One problem found in the configuration, located in its file.
///
/// Line and column are 1-based (columns count Unicode scalars, as libyaml does). A problem about a whole
/// file (missing, unreadable) has line and column 0 and is described as `file: message`.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// Path of the file the problem is in.
    public var file: String
    /// Line, from 1; 0 when the problem concerns the whole file.
    public var line: Int
    /// Column, from 1; 0 when the problem concerns the whole file.
    public var column: Int
    /// What is wrong, with a hint on how to fix it when one is known.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: message`, the form editors and terminals recognise; `file: message` for whole-file problems.
    /// Control characters (of a file name, or of a value quoted in the message) are shown as `\u{1B}`.
    public var description: String {
        let file = file.withVisibleControlCharacters, message = message.withVisibleControlCharacters
        return line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
