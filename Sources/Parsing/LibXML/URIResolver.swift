import CLibXML2

/// Resolves references against a base with libxml2's RFC 3986 implementation.
enum URIResolver {
    /// `reference` made absolute against `base`; unchanged when there is no base, when libxml2 cannot parse
    /// it, or when the base is a local or non-web URL: a feed read from a file has no address its relative
    /// links could point into, and `file:///posts/1` would be a link to nowhere (or to the reader's disk).
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty, scheme(of: base).map(isWeb) != false else { return reference }
        LibXMLOptions.initialized
        return LibXMLString.take(xmlBuildURI(reference, base)) ?? reference
    }

    /// A link to follow or to show: `reference` resolved against `base`, as an http(s) URL or a relative
    /// reference. An absolute reference of any other scheme (`javascript:`, `data:`, `file:`) gives nil; a
    /// relative one under a base that is no web URL (a local file's `file:` URL) stays as written.
    static func webLink(_ reference: String, against base: String?) -> String? {
        // An absolute reference is its own resolution: libxml2 hands it back as it is, or fails to parse it
        // and `resolve` keeps it as it is.
        if let scheme = scheme(of: reference) {
            return isWeb(scheme) ? reference : nil
        }
        let resolved = resolve(reference, against: base)
        return scheme(of: resolved).map(isWeb) == false ? reference : resolved
    }

    /// `reference` resolved against `base` when that is an http(s) URL; otherwise `base` unchanged, so that
    /// a hostile `xml:base` or `<base href="file:…">` cannot move the links below it out of the web.
    static func webBase(_ reference: String, against base: String?) -> String? {
        let resolved = resolve(reference, against: base)
        return scheme(of: resolved).map(isWeb) == true ? resolved : base
    }

    private static func isWeb(_ scheme: String) -> Bool {
        scheme == "http" || scheme == "https"
    }

    /// The lowercased scheme of an absolute reference (RFC 3986 §3.1: a letter, then letters, digits,
    /// "+", "-" or ".", then ":"), nil for a relative one.
    static func scheme(of reference: String) -> String? {
        let utf8 = reference.utf8
        var end = utf8.startIndex
        while end != utf8.endIndex {
            switch utf8[end] {
            case UInt8(ascii: ":"):
                return end == utf8.startIndex ? nil : String(reference[..<end]).lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard end != utf8.startIndex else { return nil }
            default:
                return nil
            }
            end = utf8.index(after: end)
        }
        return nil
    }
}
