import Foundation
import Model

/// What a sitemap lists: pages (a `<urlset>`, or a text sitemap) or other sitemaps (a `<sitemapindex>`).
public struct Sitemap: Sendable, Equatable {
    /// One `<sitemap>` of an index.
    public struct Child: Sendable, Equatable {
        /// The child sitemap's URL, resolved against the index's.
        public var url: String
        /// Its `<lastmod>`, when given and readable.
        public var lastModified: Date?

        public init(url: String, lastModified: Date? = nil) {
            self.url = url
            self.lastModified = lastModified
        }
    }

    /// The pages listed, within the window and the count bound, newest first, as items.
    public var items: [FeedItem]
    /// The sitemaps an index lists, newest first, at most ``SitemapLimits/maxChildren``.
    public var children: [Child]
    /// Entries left out: older than the window, or past the count bounds.
    public var skipped: Int

    public init(items: [FeedItem] = [], children: [Child] = [], skipped: Int = 0) {
        self.items = items
        self.children = children
        self.skipped = skipped
    }

    /// Whether this is a sitemap index.
    public var isIndex: Bool { !children.isEmpty }
}

/// Bounds on what one sitemap fetch reads, so that a 50,000-URL sitemap does not flood the store.
public struct SitemapLimits: Sendable, Equatable {
    /// Most entries kept from one sitemap: the newest.
    public var maxItems: Int
    /// Most child sitemaps of an index fetched at each fetch of the index: the newest by `<lastmod>`.
    public var maxChildren: Int

    public init(maxItems: Int = 200, maxChildren: Int = 5) {
        self.maxItems = maxItems
        self.maxChildren = maxChildren
    }
}
