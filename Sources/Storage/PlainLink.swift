/// The canonical form of the links most feeds carry, read on bytes: `URLComponents` costs about 3% of a
/// cold crawl's CPU, and nearly every link is a lower-case `http(s)` URL made of plain characters.
///
/// ``canonical(_:)`` answers only for links whose canonical form it can tell exactly as
/// ``CanonicalLink/canonicalizeWithComponents(_:)`` would (a test compares the two on many generated
/// links); for anything else (upper case in the scheme or host, an odd port, user info, an IP literal, a
/// character outside the plain set, an empty or value-less query parameter) it answers nil.
enum PlainLink {
    static func canonical(_ link: String) -> String? {
        var link = link
        return link.withUTF8 { canonical(bytes: $0) }
    }

    private static func canonical(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let hostStart: Int
        if starts(bytes, with: "https://") {
            hostStart = 8
        } else if starts(bytes, with: "http://") {
            hostStart = 7
        } else {
            return nil
        }
        var index = hostStart
        while index < bytes.count, isHostByte(bytes[index]) { index += 1 }
        guard index > hostStart else { return nil }
        let hostEnd = index
        var dropsPort = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let (port, end) = port(bytes, from: index + 1) else { return nil }
            dropsPort = port == (hostStart == 8 ? 443 : 80)
            index = end
        }
        // User info or any other host character is left to `URLComponents`.
        guard index == bytes.count || endsHost(bytes[index]) else { return nil }
        let pathStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?"), bytes[index] != UInt8(ascii: "#") {
            guard isPathByte(bytes, at: index) else { return nil }
            index += 1
        }
        let pathEnd = index
        var queryRange: Range<Int>?
        if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
            let queryStart = index + 1
            index = queryStart
            while index < bytes.count, bytes[index] != UInt8(ascii: "#") {
                guard isQueryByte(bytes, at: index) else { return nil }
                index += 1
            }
            queryRange = queryStart..<index
        }
        if index < bytes.count {
            // The fragment, dropped once it is known to be valid.
            index += 1
            while index < bytes.count {
                guard isQueryByte(bytes, at: index) else { return nil }
                index += 1
            }
        }
        var query = ""
        if let queryRange {
            guard let kept = canonicalQuery(UnsafeBufferPointer(rebasing: bytes[queryRange])) else { return nil }
            query = kept
        }
        let isRootPath = pathEnd - pathStart == 1 && bytes[pathStart] == UInt8(ascii: "/")
        let end = isRootPath ? pathStart : pathEnd
        var result = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(dropsPort ? hostEnd : end)]), as: UTF8.self)
        if dropsPort {
            result += String(decoding: UnsafeBufferPointer(rebasing: bytes[pathStart..<end]), as: UTF8.self)
        }
        if !query.isEmpty {
            result += "?"
            result += query
        }
        return result
    }

    /// The query without tracking parameters, the others sorted by name then value; nil when a parameter is
    /// empty or has no `=`, whose handling is left to `URLComponents`.
    private static func canonicalQuery(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var parameters: [(name: String, value: String)] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let name = String(decoding: part[..<equals], as: UTF8.self)
            guard !name.isEmpty else { return nil }
            if CanonicalLink.isTracking(name) { continue }
            parameters.append((name, String(decoding: part[(equals + 1)...], as: UTF8.self)))
        }
        return parameters
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// The port that starts at `start` and the index after it, for a decimal port `URLComponents` keeps as
    /// written: 1 to 5 digits, no leading zero, at most 65,535; nil for anything else.
    private static func port(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        var end = start
        var value = 0
        while end < bytes.count, end - start < 5, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[end] - UInt8(ascii: "0"))
            end += 1
        }
        guard end > start, bytes[start] != UInt8(ascii: "0"), value <= 65_535 else { return nil }
        return (value, end)
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return zip(bytes, expected).allSatisfy { $0 == $1 }
    }

    /// `/`, `?` or `#`: what may follow a host without a port or user info.
    private static func endsHost(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// RFC 3986 `pchar` or `/`, with `%` only as the start of a valid escape.
    private static func isPathByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
            UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
            UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
            return true
        case UInt8(ascii: "%"):
            return index + 2 < bytes.count && isHex(bytes[index + 1]) && isHex(bytes[index + 2])
        default:
            return false
        }
    }

    /// A path byte or `?`, the characters a query or a fragment may hold.
    private static func isQueryByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "?") || isPathByte(bytes, at: index)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default:
            false
        }
    }
}
