import CLibXML2

/// Resolves references against a base with libxml2's RFC 3986 implementation.
enum URIResolver {
    /// `reference` made absolute against `base`; unchanged when there is no base or libxml2 cannot parse it.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        return LibXMLString.take(xmlBuildURI(reference, base)) ?? reference
    }

    /// `reference` resolved against `base` when the result is an http(s) URL or still relative; nil for any
    /// other scheme (`file:` from a hostile `xml:base` or `<base>`, `javascript:`, `data:`), which is no
    /// page to link an item to or to fetch.
    static func webLink(_ reference: String, against base: String?) -> String? {
        let resolved = resolve(reference, against: base)
        guard let scheme = scheme(of: resolved) else { return resolved }
        return scheme == "http" || scheme == "https" ? resolved : nil
    }

    /// The lowercased scheme of an absolute reference (RFC 3986 §3.1: a letter, then letters, digits,
    /// "+", "-" or ".", then ":"), nil for a relative one.
    static func scheme(of reference: String) -> String? {
        var scheme: [UInt8] = []
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: ":"):
                return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self).lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard !scheme.isEmpty else { return nil }
                scheme.append(byte)
            default:
                return nil
            }
        }
        return nil
    }
}
