#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A file-system failure while writing an alert's file, with the path and the step that failed.
public struct AlertError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder concerned.
    public let path: String
    /// The step that failed: `create folder`, `open`, `write`, `fsync`, `rename`.
    public let step: String
    /// The `errno` it failed with.
    public let code: Int32

    public init(path: String, step: String, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    public var description: String {
        "\(step) \(path): \(String(cString: strerror(code)))"
    }
}
