/// One GET to perform, with the validators of the previous successful fetch for a conditional request.
public struct FetchRequest: Sendable, Equatable {
    /// Absolute http or https URL.
    public var url: String
    /// The `ETag` last returned for this URL, sent back as `If-None-Match`; left out when it is not a
    /// well-formed entity tag.
    public var etag: String?
    /// The `Last-Modified` last returned for this URL, sent back as `If-Modified-Since`; left out when it
    /// is not printable ASCII of at most 128 bytes.
    public var lastModified: String?
    /// Extra header fields for this request (e.g. from the source's configuration).
    public var headers: [String: String]
    /// For a document whose reader needs only its beginning: a body longer than this many bytes is cut
    /// there and the fetch succeeds with that prefix (``FetchResponse/truncated``) instead of failing as
    /// too large. Nil (the default) keeps the fetcher's limit a failure. Never raises that limit.
    public var keepFirstBytes: Int?

    /// Creates a request; without validators it is unconditional.
    public init(
        url: String, etag: String? = nil, lastModified: String? = nil, headers: [String: String] = [:], keepFirstBytes: Int? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.headers = headers
        self.keepFirstBytes = keepFirstBytes
    }
}
