import Foundation
import Model

/// How a stored item is recognised when it comes back, from the same source or another one.
enum ItemIdentity {
    /// The key a GUID is deduplicated under.
    ///
    /// A GUID that names itself globally (a URL, a URN or tag URI, anything with a scheme-like colon, or a
    /// long opaque token such as a UUID) is the same item whichever feed carries it. Short local GUIDs such
    /// as "1" or "42", which many CMSs emit, only identify an item within their own source; keyed globally
    /// they would fold unrelated items of different feeds into one.
    static func guidKey(_ guid: String, source: String) -> String {
        // On bytes: `contains(":")` with a string argument goes through NSString, once per item read.
        if guid.utf8.contains(UInt8(ascii: ":")) || (guid.utf8.count >= 24 && guid.count >= 24) { return guid }
        return "\(source)\u{1F}\(guid)"
    }

    /// What an item offered by a source is looked up by, whatever the backend.
    struct Keys: Equatable {
        /// The GUID, trimmed; nil when blank.
        var guid: String?
        /// The key the GUID is deduplicated under (``ItemIdentity/guidKey(_:source:)``).
        var guidKey: String?
        /// The link without tracking parameters (`CanonicalLink`); nil when blank.
        var canonical: String?
        /// The title, trimmed: what an item with neither GUID nor link is recognised by, within its source.
        var title: String?

        /// True when the item has a GUID or a link, which identify it across sources.
        var isGloballyIdentified: Bool { guid != nil || canonical != nil }
    }

    static func keys(of item: FeedItem, source: String) -> Keys {
        keys(of: item, source: source, canonical: canonicalLink(of: item))
    }

    /// The keys of `entry`, whose canonical link was computed with it, where it was built.
    static func keys(of entry: ItemWithMatches, source: String) -> Keys {
        keys(of: entry.item, source: source, canonical: entry.canonicalLink)
    }

    /// The item's link without tracking parameters (`CanonicalLink`); nil when blank.
    static func canonicalLink(of item: FeedItem) -> String? {
        item.link.flatMap(nonBlank).map(CanonicalLink.canonicalize)
    }

    private static func keys(of item: FeedItem, source: String, canonical: String?) -> Keys {
        let guid = item.id.flatMap(nonBlank)
        return Keys(guid: guid, guidKey: guid.map { guidKey($0, source: source) }, canonical: canonical, title: item.title.flatMap(nonBlank))
    }

    /// `text` without surrounding white space, or nil when nothing else is left.
    static func nonBlank(_ text: String) -> String? {
        let trimmed = text.trimmingWhiteSpace
        return trimmed.isEmpty ? nil : trimmed
    }
}
