/// A set of namespace URIs an element may be in, possibly including "no namespace".
///
/// URIs are compared as feeds write them and, failing that, without case and trailing `/`: feeds declare
/// `http://purl.org/dc/elements/1.1` or `http://www.itunes.com/DTDs/Podcast-1.0.dtd` often enough, and
/// no two namespaces a feed uses differ only so.
///
/// The namespaces feeds use are known in advance and are one bit each: a `SAXTree` works out once per
/// distinct URI which of them it is (`mask(of:)`), so that a mapper's question about an element's namespace
/// is an AND of two masks; only the namespace of an Atom draft, read from its root, is compared as a string.
struct NamespaceSet: Sendable {
    /// The known namespaces in the set, by their bits in `mask(of:)`.
    let known: UInt16
    /// A namespace outside the known ones, or nil.
    let other: String?

    init(known: UInt16, other: String? = nil) {
        self.known = known
        self.other = other
    }

    /// The set of one namespace, for a feed whose elements are in a namespace none of the known sets holds.
    init(uri: String) {
        self.init(known: 0, other: uri)
    }

    func contains(_ uri: String?) -> Bool {
        contains(mask: Self.mask(of: uri), uri: uri)
    }

    /// Whether an element whose namespace has the bits `mask` and the URI `uri` is in the set; `uri` is read
    /// only for a set with an `other` namespace.
    func contains(mask: UInt16, uri: @autoclosure () -> String?) -> Bool {
        if known & mask != 0 { return true }
        guard let other, let uri = uri() else { return false }
        return other == uri || Self.looselyEqual(other, uri)
    }

    /// The bits of the known namespaces `uri` is one of: `noneBit` for no namespace, none at all for a URI
    /// no feed format defines.
    static func mask(of uri: String?) -> UInt16 {
        guard let uri else { return noneBit }
        return exactMasks[uri] ?? looseMasks[loosened(uri)] ?? 0
    }

    /// The bits of each known URI as written: most namespaces a feed declares are found here, in one lookup
    /// instead of a loose comparison with every known URI (a corpus of small feeds pays this per document).
    private static let exactMasks: [String: UInt16] = masks(by: { $0 })

    /// The bits of each known URI `loosened`, for those written otherwise.
    private static let looseMasks: [String: UInt16] = masks(by: loosened)

    private static func masks(by key: (String) -> String) -> [String: UInt16] {
        var masks: [String: UInt16] = [:]
        for (bit, uris) in knownURIs.enumerated() {
            for uri in uris { masks[key(uri), default: 0] |= 1 << (bit + 1) }
        }
        return masks
    }

    /// `uri` with ASCII capitals lowercased and trailing slashes dropped: two URIs `looselyEqual` have the
    /// same.
    private static func loosened(_ uri: String) -> String {
        var bytes = Array(uri.utf8)
        while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Equal but for ASCII case and trailing slashes, compared without allocating.
    private static func looselyEqual(_ a: String, _ b: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var left = a.utf8[...]
        var right = b.utf8[...]
        while left.last == slash { left = left.dropLast() }
        while right.last == slash { right = right.dropLast() }
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { x, y in x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) }
    }

    /// "No namespace".
    private static let noneBit: UInt16 = 1

    /// The URIs of each known namespace, in the order of their bits (from bit 1; bit 0 is `noneBit`): RSS's
    /// are RSS 0.90 and 1.0 in RDF feeds and those some RSS 2.0 feeds wrongly declare as default.
    private static let knownURIs: [[String]] = [
        [
            "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
            "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://purl.org/net/rss1.1#",
        ],
        ["http://www.w3.org/2005/Atom"],
        ["http://purl.org/atom/ns#"],
        ["http://purl.org/dc/elements/1.1/"],
        ["http://purl.org/dc/terms/"],
        ["http://purl.org/rss/1.0/modules/content/"],
        ["http://www.w3.org/1999/xhtml"],
        ["http://www.itunes.com/dtds/podcast-1.0.dtd"],
        ["http://search.yahoo.com/mrss/"],
        [rdfURI],
    ]

    // Computed rather than stored: a stored static is reached through a once-guard at every use, and these
    // are used for every child a mapper looks at.

    /// RSS core elements: no namespace in 0.9x/2.0, or one of RSS's own.
    static var rss: NamespaceSet { NamespaceSet(known: noneBit | 1 << 1) }
    static var atom10: NamespaceSet { NamespaceSet(known: 1 << 2) }
    static var atom03: NamespaceSet { NamespaceSet(known: 1 << 3) }
    /// Atom 1.0 or 0.3; used where an RSS feed borrows Atom elements.
    static var anyAtom: NamespaceSet { NamespaceSet(known: 1 << 2 | 1 << 3) }
    static var dublinCore: NamespaceSet { NamespaceSet(known: 1 << 4) }
    static var dcTerms: NamespaceSet { NamespaceSet(known: 1 << 5) }
    static var content: NamespaceSet { NamespaceSet(known: 1 << 6) }
    static var xhtml: NamespaceSet { NamespaceSet(known: 1 << 7) }
    static var itunes: NamespaceSet { NamespaceSet(known: 1 << 8) }
    static var mediaRSS: NamespaceSet { NamespaceSet(known: 1 << 9) }
    static var rdf: NamespaceSet { NamespaceSet(known: 1 << 10) }
    static var none: NamespaceSet { NamespaceSet(known: noneBit) }

    static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xmlURI = "http://www.w3.org/XML/1998/namespace"
}
