/// A digest that could not be written, with the file and the system's reason.
public struct DigestWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed: `create temporary file`, `fsync`, `rename`, `render JSON`…
    public var operation: String
    /// The file or directory concerned.
    public var path: String
    /// The `errno` value, when a system call failed.
    public var errno: Int32?
    /// The reason, in words.
    public var message: String

    public init(operation: String, path: String, errno: Int32? = nil, message: String) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.message = message
    }

    public var description: String {
        "digest: \(operation) failed for \(path): \(message)" + (errno.map { " (errno \($0))" } ?? "")
    }
}
