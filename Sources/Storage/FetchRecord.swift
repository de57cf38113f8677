import Foundation
import Model
import TextNormalization

/// One parsed item and the profiles it matched.
public struct ItemWithMatches: Sendable, Equatable {
    /// The item as parsed.
    public let item: FeedItem
    /// Its matches, one per profile at most; may be empty (items are stored for deduplication anyway).
    public var matches: [Match]
    /// What the store compares to recognise the item's story when another site republishes it; nil when
    /// its text is too short to tell.
    public let fingerprint: NearDuplicateFingerprint?
    /// The fingerprint's index keys (empty without one).
    public let bandKeys: [Int64]
    /// The link the item is recognised by (``CanonicalLink``); nil without one.
    let canonicalLink: String?

    /// Computes the item's fingerprint and its index keys, and its canonical link, here, where the item is
    /// built (in the crawl, concurrently), rather than while the store's lock is held.
    public init(item: FeedItem, matches: [Match] = []) {
        self.init(
            item: item, matches: matches,
            fingerprint: NearDuplicateFingerprint(title: item.title, summary: item.summaryText, content: item.contentText))
    }

    /// With the item's fingerprint computed by the caller, as `NearDuplicateFingerprint(title:summary:content:)`
    /// gives it for the item's texts: a matcher that has read them gives it without reading them again.
    public init(item: FeedItem, matches: [Match], fingerprint: NearDuplicateFingerprint?) {
        self.item = item
        self.matches = matches
        self.fingerprint = fingerprint
        bandKeys = fingerprint?.bandKeys() ?? []
        canonicalLink = ItemIdentity.canonicalLink(of: item)
    }
}

/// Everything one fetch of one source produced, recorded in a single transaction.
public struct FetchRecord: Sendable, Equatable {
    /// The source's name; it must have been declared through `syncSources`.
    public var source: String
    /// When the fetch ended; becomes the items' `first_seen_at` and the matches' `matched_at`.
    public var fetchedAt: Date
    /// How it ended.
    public var outcome: FetchOutcome
    /// Where the source has moved for good, to store as its effective URL; nil keeps the stored one.
    /// The caller checks it is a URL a source may have and that it holds no secret.
    public var movedTo: String?
    /// When the scheduler wants it again.
    public var nextDueAt: Date
    /// The items read, in document order.
    public var items: [ItemWithMatches]
    /// Most new items the source may add in 24 hours (counted back from ``fetchedAt``); new items beyond
    /// it are not stored now, so a feed whose GUIDs change at every fetch cannot flood the store.
    /// Nil: no cap.
    public var dailyNewItemCap: Int?
    /// The `alert_score` of each profile that raises immediate alerts, by profile id: a new match scoring at
    /// least its profile's raises one, in the same transaction, unless the item's story already did.
    public var alertScores: [String: Double] = [:]

    public init(
        source: String, fetchedAt: Date, outcome: FetchOutcome, nextDueAt: Date, items: [ItemWithMatches] = [],
        dailyNewItemCap: Int? = nil, movedTo: String? = nil
    ) {
        self.source = source
        self.fetchedAt = fetchedAt
        self.outcome = outcome
        self.nextDueAt = nextDueAt
        self.items = items
        self.dailyNewItemCap = dailyNewItemCap
        self.movedTo = movedTo
    }
}

/// What a `record` call added.
public struct RecordSummary: Sendable, Equatable {
    /// Items not seen before (by GUID or canonical link, across all sources).
    public var newItems: Int
    /// Matches stored for those new items.
    public var newMatches: Int
    /// New items left out because the source reached ``FetchRecord/dailyNewItemCap``.
    public var itemsOverCap: Int
    /// New items stored as another copy of a story already stored (near-duplicates): counted in
    /// ``newItems`` too, but shown in one digest entry with the other copies.
    public var nearDuplicates: Int
    /// Immediate alerts raised by the new matches (``FetchRecord/alertScores``).
    public var newAlerts: Int = 0

    public init(newItems: Int, newMatches: Int, itemsOverCap: Int = 0, nearDuplicates: Int = 0) {
        self.newItems = newItems
        self.newMatches = newMatches
        self.itemsOverCap = itemsOverCap
        self.nearDuplicates = nearDuplicates
    }
}
