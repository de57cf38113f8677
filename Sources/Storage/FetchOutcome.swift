/// How a fetch of one source ended, as far as the store cares.
public enum FetchOutcome: Sendable, Equatable {
    /// A full response: its validators replace the stored ones (nil clears them).
    case modified(etag: String?, lastModified: String?)
    /// A 304: the stored validators stay.
    case notModified
    /// Any failure (network, HTTP status, parse): the stored validators stay, the failure count grows.
    case failed(reason: String)

    /// The value of `sources.last_status` for this outcome.
    var status: String {
        switch self {
        case .modified: "ok"
        case .notModified: "unchanged"
        case .failed: "failed"
        }
    }
}
