/// Bounds on what reading one listing page may cost, whatever the page or the selectors.
public struct ListingLimits: Sendable, Equatable {
    /// Most items read from one page, the first in document order; the rest are left, as a feed's
    /// older items are.
    public var maxItems: Int
    /// Most XPath operations (steps and nodes visited) spent on one page, all selectors together; past
    /// it the items read so far are kept and the document is marked truncated.
    public var maxOperations: Int

    /// Most elements of a page the selectors see, the first in document order; those after are removed
    /// before any selector runs, and the document is marked truncated.
    public var maxElements: Int
    /// Longest link kept, in UTF-8 bytes: as long as a source's own URL may be.
    public static let maxLinkBytes = 8192

    public init(maxItems: Int = 500, maxOperations: Int = 10_000_000, maxElements: Int = 50_000) {
        self.maxItems = maxItems
        self.maxOperations = maxOperations
        self.maxElements = maxElements
    }
}
