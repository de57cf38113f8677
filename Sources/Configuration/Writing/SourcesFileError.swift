/// Why `sources.yaml` could not be appended to; the file is then as it was.
public enum SourcesFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but cannot be read as UTF-8 text.
    case unreadable(path: String, message: String)
    /// The file's layout leaves no place to append to; `line` is 1-based.
    case layout(line: Int, message: String)
    /// The new file could not be written.
    case unwritable(path: String, message: String)
    /// The folder did not load once the sources were appended, so the file was restored.
    case invalidAfterWrite(ConfigurationError)

    /// One line.
    public var description: String {
        switch self {
        case .unreadable(let path, let message): "cannot read \(path): \(message)"
        case .layout(let line, let message): "sources.yaml:\(line): \(message)"
        case .unwritable(let path, let message): "cannot write \(path): \(message)"
        case .invalidAfterWrite(let error):
            "the configuration did not load once the sources were appended, so sources.yaml was restored: "
                + (error.issues.first.map { "\($0)" } ?? "")
        }
    }
}
