import Foundation
import Model

/// Follows the header lines libcurl delivers for every response of a transfer, redirects included,
/// keeping the validators of the last response and whether every redirect on the way was permanent.
struct ResponseHeaderTracker {
    /// The URL the current response answers, resolved hop by hop from the requested one.
    private(set) var currentURL: String
    /// How many redirect responses led to the current one.
    private(set) var redirects = 0
    /// See ``FetchResponse/permanentRedirect``: the URL the last redirect led to, when every redirect was
    /// permanent (301 or 308). One temporary hop means the server may send the chain elsewhere tomorrow.
    var permanentRedirect: String? {
        redirects > 0 && onlyPermanentSoFar ? currentURL : nil
    }
    private(set) var status = 0
    private(set) var etag: String?
    private(set) var lastModified: String?
    private(set) var contentType: String?
    private(set) var contentLanguage: String?
    private(set) var retryAfter: String?
    /// Every `Cache-Control` value of the current response, joined by commas (the field may repeat).
    private(set) var cacheControl: String?
    private(set) var expires: String?
    private(set) var date: String?
    /// The validators of the current response that were not kept, as (field name, value received).
    private(set) var droppedValidators: [(field: String, value: String)] = []
    private var location: String?
    private var onlyPermanentSoFar = true

    init(requestedURL: String) {
        currentURL = requestedURL
    }

    /// Takes one raw header line (with its CRLF) as libcurl passes it.
    mutating func consume(_ rawLine: String) {
        let line = rawLine.trimmingWhiteSpace
        if line.isEmpty {
            endOfResponseHead()
        } else if line.hasPrefix("HTTP/") {
            startResponse(statusLine: line)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "etag": etag = validator(value, named: "ETag", HTTPValidator.entityTag)
            case "last-modified": lastModified = validator(value, named: "Last-Modified", HTTPValidator.lastModified)
            case "content-type": contentType = value
            case "content-language": contentLanguage = value
            case "location": location = value
            case "retry-after": retryAfter = value
            case "cache-control": cacheControl = cacheControl.map { "\($0), \(value)" } ?? value
            case "expires": expires = value
            case "date": date = value
            default: break
            }
        }
    }

    private mutating func startResponse(statusLine: String) {
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        status = parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
        etag = nil
        lastModified = nil
        droppedValidators = []
        contentType = nil
        contentLanguage = nil
        retryAfter = nil
        cacheControl = nil
        expires = nil
        date = nil
        location = nil
    }

    /// `value` if `rule` keeps it; otherwise nil, and the value is noted as dropped.
    private mutating func validator(_ value: String, named field: String, _ rule: (String) -> String?) -> String? {
        guard let kept = rule(value) else {
            droppedValidators.append((field, value))
            return nil
        }
        return kept
    }

    private mutating func endOfResponseHead() {
        guard (300..<400).contains(status), status != 304, let location else { return }
        redirects += 1
        guard let target = URL(string: location, relativeTo: URL(string: currentURL))?.absoluteString else {
            onlyPermanentSoFar = false
            return
        }
        if status != 301 && status != 308 {
            onlyPermanentSoFar = false
        }
        currentURL = target
    }
}
