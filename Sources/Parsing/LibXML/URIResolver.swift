import CLibXML2

/// Resolves references against a base with libxml2's RFC 3986 implementation.
enum URIResolver {
    /// `reference` made absolute against `base`; unchanged when there is no base or libxml2 cannot parse it.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        return LibXMLString.take(xmlBuildURI(reference, base)) ?? reference
    }
}
