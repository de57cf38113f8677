/// A set of namespace URIs an element may be in, possibly including "no namespace".
///
/// URIs are compared as feeds write them and, failing that, without case and trailing `/`: feeds declare
/// `http://purl.org/dc/elements/1.1` or `http://www.itunes.com/DTDs/Podcast-1.0.dtd` often enough, and
/// no two namespaces a feed uses differ only so.
struct NamespaceSet: Sendable {
    let uris: Set<String>
    let includesNone: Bool

    func contains(_ uri: String?) -> Bool {
        guard let uri else { return includesNone }
        // Compared one by one rather than hashed: a set holds five URIs at most, and this runs for every
        // element a mapper looks for, where hashing the URI cost more than comparing it.
        return uris.contains { $0 == uri } || uris.contains { NamespaceSet.looselyEqual($0, uri) }
    }

    /// Equal but for ASCII case and trailing slashes, compared without allocating: this runs for every
    /// child element a mapper looks at.
    private static func looselyEqual(_ a: String, _ b: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var left = a.utf8[...]
        var right = b.utf8[...]
        while left.last == slash { left = left.dropLast() }
        while right.last == slash { right = right.dropLast() }
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { x, y in x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) }
    }

    /// RSS core elements: no namespace in 0.9x/2.0, the RSS 0.90 and 1.0 namespaces in RDF feeds,
    /// and the namespaces some RSS 2.0 feeds wrongly declare as default.
    static let rss = NamespaceSet(
        uris: [
            "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
            "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://purl.org/net/rss1.1#",
        ],
        includesNone: true
    )
    static let atom10 = NamespaceSet(uris: ["http://www.w3.org/2005/Atom"], includesNone: false)
    static let atom03 = NamespaceSet(uris: ["http://purl.org/atom/ns#"], includesNone: false)
    /// Atom 1.0 or 0.3; used where an RSS feed borrows Atom elements.
    static let anyAtom = NamespaceSet(uris: atom10.uris.union(atom03.uris), includesNone: false)
    static let dublinCore = NamespaceSet(uris: ["http://purl.org/dc/elements/1.1/"], includesNone: false)
    static let dcTerms = NamespaceSet(uris: ["http://purl.org/dc/terms/"], includesNone: false)
    static let content = NamespaceSet(uris: ["http://purl.org/rss/1.0/modules/content/"], includesNone: false)
    static let xhtml = NamespaceSet(uris: ["http://www.w3.org/1999/xhtml"], includesNone: false)
    static let itunes = NamespaceSet(uris: ["http://www.itunes.com/dtds/podcast-1.0.dtd"], includesNone: false)
    static let mediaRSS = NamespaceSet(uris: ["http://search.yahoo.com/mrss/"], includesNone: false)
    static let rdf = NamespaceSet(uris: [rdfURI], includesNone: false)
    static let none = NamespaceSet(uris: [], includesNone: true)

    static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xmlURI = "http://www.w3.org/XML/1998/namespace"
}
