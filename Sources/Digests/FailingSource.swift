import Foundation

/// A source that a profile reads and that keeps failing, listed at the end of the digest so that
/// readers know what they may be missing.
public struct FailingSource: Sendable, Equatable {
    /// The source's name.
    public var name: String
    /// Failed fetches in a row.
    public var consecutiveFailures: Int
    /// When it last worked, if ever.
    public var lastSuccess: Date?
    /// The last error, as the fetcher or parser described it.
    public var lastError: String

    public init(name: String, consecutiveFailures: Int, lastSuccess: Date?, lastError: String) {
        self.name = name
        self.consecutiveFailures = consecutiveFailures
        self.lastSuccess = lastSuccess
        self.lastError = lastError
    }
}
