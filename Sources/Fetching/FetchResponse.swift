import Foundation

/// What a completed transfer returned.
public struct FetchResponse: Sendable, Equatable {
    /// The status of the last response (after redirects).
    public var status: Int
    /// The URL the body came from, after redirects.
    public var finalURL: String
    /// Where the requested URL has moved for good: ``finalURL`` when the transfer was redirected and every
    /// redirect on the way was permanent (301 or 308); nil otherwise, since one temporary hop (302, 303,
    /// 307) says the server may answer differently tomorrow. Callers may fetch from it next time.
    public var permanentRedirect: String?
    /// The `ETag` of the last response, to send back next time; nil when absent or not a well-formed
    /// entity tag (a line break or another control character in it would make later requests invalid).
    public var etag: String?
    /// The `Last-Modified` of the last response, to send back next time; nil when absent, not printable
    /// ASCII or longer than 128 bytes.
    public var lastModified: String?
    /// The `Content-Type` of the last response, with its parameters (e.g. `text/xml; charset=ISO-8859-1`).
    public var contentType: String?
    /// The `Content-Language` of the last response, as sent (the parser keeps its first tag, when it is one).
    public var contentLanguage: String?
    /// How long the last response says it stays fresh, in seconds (`Cache-Control: max-age`, else
    /// `Expires` counted from `Date`); nil when it says nothing usable or forbids reuse.
    public var freshnessLifetime: TimeInterval?
    /// The body, content-decoded (gzip, deflate…); empty for 304.
    public var body: [UInt8]
    /// Time from the start of the transfer to its end.
    public var elapsed: Duration
    /// True when ``body`` is only the beginning of the document, cut at the request's
    /// ``FetchRequest/keepFirstBytes``.
    public var truncated: Bool

    /// Creates a response from its parts.
    public init(
        status: Int,
        finalURL: String,
        permanentRedirect: String? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        contentType: String? = nil,
        contentLanguage: String? = nil,
        freshnessLifetime: TimeInterval? = nil,
        body: [UInt8] = [],
        elapsed: Duration = .zero,
        truncated: Bool = false
    ) {
        self.status = status
        self.finalURL = finalURL
        self.permanentRedirect = permanentRedirect
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.contentLanguage = contentLanguage
        self.freshnessLifetime = freshnessLifetime
        self.body = body
        self.elapsed = elapsed
        self.truncated = truncated
    }
}
