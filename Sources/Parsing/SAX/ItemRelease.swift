import Model

/// Mapped items waiting to be handed out: in document order (an item closes after the items nested in it),
/// and only once the feed's header they are handed out with can no longer change. Used where the items are
/// mapped: on the parsing thread, or on the thread of an ``ItemMappingQueue``.
struct ItemRelease {
    /// The feed's title, and the author Atom entries without their own take, as the finished document has them.
    struct Header: Equatable, Sendable {
        var title: String?
        var author: String?
        /// False while an Atom feed's author may still come: entries without an author wait for it.
        var authorKnown: Bool
    }

    /// Items an earlier read of the same document handed out already, which this one skips.
    let skipped: Int
    /// Items handed out, those skipped included.
    private(set) var released = 0
    /// The header as far as it is settled; items wait while it is nil, or while it lacks the author they need.
    var header: Header?
    /// Mapped items by slot, from the first one not handed out yet; nil where an item has not closed yet.
    private var items: [FeedItem?] = []

    init(skipping skipped: Int) {
        self.skipped = skipped
    }

    /// Whether any mapped item waits to be handed out.
    var isWaiting: Bool { !items.isEmpty }

    /// Puts `item`, the `slot`th of the document (counted from 0, skipped ones included), in its place.
    mutating func place(_ item: FeedItem, slot: Int) {
        let index = slot - released
        if index >= items.count { items.append(contentsOf: repeatElement(nil, count: index - items.count + 1)) }
        items[index] = item
    }

    /// Hands out the mapped items at the front, in document order, while the header they need is known.
    mutating func release(to deliver: SAXFeedBuilder.Delivery) {
        var count = 0
        while count < items.count, var item = items[count] {
            guard let header, item.author != nil || header.authorKnown else { break }
            if item.author == nil { item.author = header.author }
            if released >= skipped { deliver(item, header.title) }
            released += 1
            count += 1
        }
        // Mostly every item there is, the one just mapped: the array then keeps its storage for the next.
        if count == items.count { items.removeAll(keepingCapacity: true) } else if count > 0 { items.removeFirst(count) }
    }
}
