/// Why a ``LoopbackServer`` could not start.
public struct LoopbackServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call that failed (`socket`, `bind`…).
    public var operation: String
    /// The `errno` it left.
    public var code: Int32
    /// The requested port (0 means any).
    public var port: Int

    /// Creates an error for a failed system call.
    public init(operation: String, code: Int32, port: Int) {
        self.operation = operation
        self.code = code
        self.port = port
    }

    public var description: String {
        "loopback server on 127.0.0.1:\(port): \(operation) failed with errno \(code)"
    }
}
