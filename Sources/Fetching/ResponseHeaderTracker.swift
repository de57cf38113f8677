import Foundation

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
    ///
    /// The line is read as bytes: only the fields kept below become strings, and the others (most of
    /// them, in a crawl where nearly every answer is a 304) cost a comparison of their name.
    mutating func consume(_ rawLine: UnsafeBufferPointer<UInt8>) {
        let line = Self.trimmed(rawLine[...])
        if line.isEmpty {
            endOfResponseHead()
        } else if line.starts(with: Self.statusLinePrefix) {
            startResponse(statusLine: String(decoding: line, as: UTF8.self))
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), let field = Field(name: line[..<colon]) {
            let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
            switch field {
            case .etag: etag = validator(value, named: "ETag", HTTPValidator.entityTag)
            case .lastModified: lastModified = validator(value, named: "Last-Modified", HTTPValidator.lastModified)
            case .contentType: contentType = value
            case .contentLanguage: contentLanguage = value
            case .location: location = value
            case .retryAfter: retryAfter = value
            case .cacheControl: cacheControl = cacheControl.map { "\($0), \(value)" } ?? value
            case .expires: expires = value
            case .date: date = value
            }
        }
    }

    /// The header fields a fetch reads; every other one is skipped.
    private enum Field: CaseIterable {
        case etag, lastModified, contentType, contentLanguage, location, retryAfter, cacheControl, expires, date

        /// The field named `name`, compared without regard to ASCII case as HTTP names are; nil for the others.
        init?(name: Slice<UnsafeBufferPointer<UInt8>>) {
            guard let field = Self.allCases.first(where: { field in
                field.lowercasedName.elementsEqual(name) { expected, byte in
                    expected == (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                }
            }) else { return nil }
            self = field
        }

        var lowercasedName: String.UTF8View {
            switch self {
            case .etag: "etag".utf8
            case .lastModified: "last-modified".utf8
            case .contentType: "content-type".utf8
            case .contentLanguage: "content-language".utf8
            case .location: "location".utf8
            case .retryAfter: "retry-after".utf8
            case .cacheControl: "cache-control".utf8
            case .expires: "expires".utf8
            case .date: "date".utf8
            }
        }
    }

    private static let statusLinePrefix = Array("HTTP/".utf8)

    /// `bytes` without the white space and line ends around them: tab, the line breaks U+000A–U+000D, space.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[first...last]
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
