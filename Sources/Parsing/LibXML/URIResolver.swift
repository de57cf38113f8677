import CLibXML2

/// Resolves references against a base with libxml2's RFC 3986 implementation.
enum URIResolver {
    /// `reference` made absolute against `base`; unchanged when there is no base, when libxml2 cannot parse
    /// it, or when the base is a local or non-web URL: a feed read from a file has no address its relative
    /// links could point into, and `file:///posts/1` would be a link to nowhere (or to the reader's disk).
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty, !hasNonWebScheme(base) else { return reference }
        return LibXMLString.take(xmlBuildURI(reference, base)) ?? reference
    }

    /// True when `uri` starts with a scheme other than http and https; false for relative references.
    private static func hasNonWebScheme(_ uri: String) -> Bool {
        let scheme = uri.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.count < uri.count, uri[scheme.endIndex] == ":", let first = scheme.first, first.isLetter else { return false }
        let lowercased = scheme.lowercased()
        return lowercased != "http" && lowercased != "https"
    }
}
