/// Where something was written in a configuration file, for messages that point back at it.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Path of the file.
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column in Unicode scalars, from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }
}
