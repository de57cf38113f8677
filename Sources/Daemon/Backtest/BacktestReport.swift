import Foundation

/// What a profile as it is now would have alerted in a window of stored items, against what it alerted.
///
/// Built from the items alerted then or now, with no I/O. Definitions:
/// - a rank is an item's place among the window's alerts (then, or now) by score, highest first, ties by
///   row id (the earlier stored first);
/// - added: alerted now and not then; removed: alerted then and not now;
/// - re-ranked: alerted both then and now with a different score (compared at the three decimals the
///   JSON shows), listed with both ranks. An item whose score is the same is not counted even when its
///   rank moved: it moved only because items were added, removed or re-scored around it, and counting
///   it would make one item rising to the top re-rank every item below.
public struct BacktestReport: Sendable, Equatable {
    /// The start of the window: items first stored at or after it were replayed.
    public var since: Date
    /// Items replayed through the profile.
    public var replayed: Int
    /// Items left out because their source is no longer configured.
    public var skipped: Int
    /// The sources no longer configured whose items were left out, by name.
    public var skippedSources: [String]
    /// Items the profile alerted then, among those replayed.
    public var alertedThen: Int
    /// Items the profile as it is now alerts, among those replayed.
    public var alertedNow: Int
    /// Alerted now and not then, by rank now.
    public var added: [BacktestItem]
    /// Alerted then and not now, by rank then.
    public var removed: [BacktestItem]
    /// Alerted then and now with another score, by rank now.
    public var reranked: [BacktestItem]
    /// Alerted then and now with the same score.
    public var unchanged: Int

    /// Ranks `items` (those alerted then or now; others are ignored) and sorts them into the differences.
    public init(since: Date, replayed: Int, skipped: Int = 0, skippedSources: [String] = [], items: [BacktestItem]) {
        var items = items.filter { $0.scoreThen != nil || $0.scoreNow != nil }
        Self.rank(&items, score: \.scoreThen, rank: \.rankThen)
        Self.rank(&items, score: \.scoreNow, rank: \.rankNow)
        var added: [BacktestItem] = [], removed: [BacktestItem] = [], reranked: [BacktestItem] = []
        var unchanged = 0
        for item in items {
            switch (item.scoreThen, item.scoreNow) {
            case (nil, _): added.append(item)
            case (_, nil): removed.append(item)
            case (let then?, let now?):
                if Self.shownAlike(then, now) { unchanged += 1 } else { reranked.append(item) }
            }
        }
        self.since = since
        self.replayed = replayed
        self.skipped = skipped
        self.skippedSources = skippedSources
        alertedThen = items.count - added.count
        alertedNow = items.count - removed.count
        self.added = added.sorted { ($0.rankNow ?? .max) < ($1.rankNow ?? .max) }
        self.removed = removed.sorted { ($0.rankThen ?? .max) < ($1.rankThen ?? .max) }
        self.reranked = reranked.sorted { ($0.rankNow ?? .max) < ($1.rankNow ?? .max) }
        self.unchanged = unchanged
    }

    /// Numbers the items that have a `score`, highest first, ties by row id.
    private static func rank(_ items: inout [BacktestItem], score: KeyPath<BacktestItem, Double?>, rank: WritableKeyPath<BacktestItem, Int?>) {
        let ranked = items.indices.compactMap { index in items[index][keyPath: score].map { (index, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : items[$0.0].id < items[$1.0].id }
        for (place, (index, _)) in ranked.enumerated() { items[index][keyPath: rank] = place + 1 }
    }

    /// Whether two scores read the same at the three decimals veilleur shows them with.
    static func shownAlike(_ left: Double, _ right: Double) -> Bool {
        (left * 1000).rounded() == (right * 1000).rounded()
    }
}
