/// The outcome of one ``FetchRequest``.
public enum FetchResult: Sendable, Equatable {
    /// A 2xx response with its body.
    case modified(FetchResponse)
    /// A 304: the validators sent still match; the body is empty, validators may be refreshed.
    case notModified(FetchResponse)
    /// Anything else: transport error, limit hit, or a non-2xx final status.
    case failed(FetchError)

    /// The response, unless the fetch failed.
    public var response: FetchResponse? {
        switch self {
        case .modified(let response), .notModified(let response): response
        case .failed: nil
        }
    }

    /// The error, if the fetch failed.
    public var error: FetchError? {
        if case .failed(let error) = self { error } else { nil }
    }
}
