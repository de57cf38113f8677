import Foundation
import Model

/// Why a fetch produced no usable response.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure, precise enough to pick a retry policy.
    public enum Kind: Sendable, Equatable {
        /// The final response had this non-2xx, non-304 status.
        case httpStatus(Int)
        /// The connect timeout, total timeout or low-speed limit was hit.
        case timeout
        /// The decoded body exceeded this many bytes.
        case bodyTooLarge(limit: Int)
        /// More redirects than ``FetchLimits/maxRedirects``.
        case tooManyRedirects
        /// The URL, or a redirect target, uses a scheme other than http or https.
        case forbiddenScheme
        /// The URL could not be parsed.
        case invalidURL
        /// A request header name or value is unusable (e.g. contains a line break).
        case invalidHeader(String)
        /// The host name could not be resolved.
        case dns
        /// The TCP connection could not be established (refused, unreachable).
        case connect
        /// TLS handshake or certificate verification failed.
        case tls
        /// The calling task was cancelled, or the fetcher shut down, before the transfer ended.
        case cancelled
        /// Any other libcurl failure, with its `CURLcode`.
        case network(code: Int)
    }

    /// The requested URL, secrets included: show ``description``, which redacts them.
    public var url: String
    /// The category of failure.
    public var kind: Kind
    /// libcurl's error message for the transfer, or a sentence of ours.
    public var message: String
    /// How long the server asked us to wait (`Retry-After` on a 429 or 503, say), in seconds.
    public var retryAfter: TimeInterval?

    /// Creates an error.
    public init(url: String, kind: Kind, message: String, retryAfter: TimeInterval? = nil) {
        self.url = url
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    /// What went wrong, for logs, the stored last error and digests: the URL's user info and
    /// credential-like parameters are masked, in the URL and in libcurl's message alike.
    public var description: String {
        let shown = URLRedaction.redacted(url)
        let message = URLRedaction.scrub(message, secretsOf: url)
        let summary: String
        switch kind {
        case .httpStatus(let status): return "GET \(shown) → HTTP \(status)"
        case .timeout: summary = "timeout"
        case .bodyTooLarge(let limit): summary = "body larger than \(limit) bytes"
        case .tooManyRedirects: summary = "too many redirects"
        case .forbiddenScheme: summary = "scheme not allowed (http and https only)"
        case .invalidURL: summary = "invalid URL"
        case .invalidHeader(let name): summary = "invalid request header \(name)"
        case .dns: summary = "name resolution failed"
        case .connect: summary = "connection failed"
        case .tls: summary = "TLS failure"
        case .cancelled: summary = "cancelled"
        case .network(let code): summary = "network error (curl \(code))"
        }
        return message.isEmpty ? "GET \(shown) → \(summary)" : "GET \(shown) → \(summary): \(message)"
    }
}
