/// The items first seen since some instant, as one snapshot saw them: how many, and the range of their
/// row ids, so that pages read afterwards stop at the same items however many a crawl adds meanwhile.
public struct ItemSpan: Sendable, Equatable {
    /// How many items.
    public var count: Int
    /// The lowest and highest row id among them; nil when there are none.
    public var ids: ClosedRange<Int64>?

    public init(count: Int, ids: ClosedRange<Int64>?) {
        self.count = count
        self.ids = ids
    }
}
