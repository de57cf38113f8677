import Dispatch
import Model
import Synchronization

/// Maps the items a `SAXFeedBuilder` closes, and hands them out, on a thread of its own while the builder
/// reads on: libxml2's reading and the tree on one core, the mapping (text extraction, dates, fallbacks) and
/// whatever the caller does with each item (`parse` encodes and prints it) on another, for a person waiting
/// on one large parse. The crawler, which reads many feeds at once, maps on its parsing threads.
///
/// The builder hands over a copy of each item's subtree, detached from its tree, and the header as it settles,
/// in document order. They go over in batches, since waking the mapping thread for each item cost more than
/// mapping it; at most `maxBatchesWaiting` wait, so that memory stays bounded whatever the feed's size.
final class ItemMappingQueue: Sendable {
    /// Items handed over at once.
    static let batchSize = 128
    /// Batches handed over and not yet mapped, at most.
    static let maxBatchesWaiting = 4

    typealias Mapper = @Sendable (SAXElement) -> FeedItem

    /// What the builder hands over, in document order.
    private enum Event: Sendable {
        /// An item's subtree, element 0 of its own tree, and its slot in the document.
        case item(SAXTree, slot: Int)
        /// The header, settled further.
        case header(ItemRelease.Header)
    }

    /// The caller's delivery, called on the mapping thread.
    private struct Delivery: @unchecked Sendable {
        // Called by one thread at a time: the mapping thread, while the builder's caller waits in the parse,
        // which returns only once `finish` has seen every call end.
        let deliver: SAXFeedBuilder.Delivery
    }

    private let mapper: Mapper
    private let delivery: Delivery
    private let queue = DispatchQueue(label: "veilleur.parse.mapping")
    private let room = DispatchSemaphore(value: maxBatchesWaiting)
    /// Events not handed over yet, and the items among them; touched by the builder's thread only, behind a
    /// lock so that the queue can be shared with the mapping thread.
    private let pending = Mutex<(events: [Event], items: Int)>(([], 0))
    /// The items mapped and not handed out yet; touched on `queue` only, and by `finish` once it is idle.
    private let release: Mutex<ItemRelease>

    init(skipping skipped: Int, mapper: @escaping Mapper, deliver: @escaping SAXFeedBuilder.Delivery) {
        self.mapper = mapper
        self.delivery = Delivery(deliver: deliver)
        self.release = Mutex(ItemRelease(skipping: skipped))
    }

    /// Maps element 0 of `tree`, the `slot`th item of the document, after the items given before it.
    func map(_ tree: SAXTree, slot: Int) {
        let full: [Event]? = pending.withLock { pending in
            pending.events.append(.item(tree, slot: slot))
            pending.items += 1
            guard pending.items >= Self.batchSize else { return nil }
            return take(&pending)
        }
        if let full { handOver(full) }
    }

    /// Hands out the items waiting for it, and those given after, with `header`.
    func settle(_ header: ItemRelease.Header) {
        pending.withLock { $0.events.append(.header(header)) }
    }

    /// Hands over what was given and not yet handed over, and returns once every item is mapped and those the
    /// header allows handed out, with how many were (skipped ones included).
    func finish() -> Int {
        let rest = pending.withLock { take(&$0) }
        if !rest.isEmpty { handOver(rest) }
        queue.sync {}
        return release.withLock { $0.released }
    }

    private func take(_ pending: inout (events: [Event], items: Int)) -> [Event] {
        var batch: [Event] = []
        swap(&batch, &pending.events)
        pending.items = 0
        return batch
    }

    /// Maps `batch` after the batches before it; waits while `maxBatchesWaiting` wait.
    private func handOver(_ batch: [Event]) {
        room.wait()
        queue.async { [self] in
            release.withLock { release in
                for event in batch {
                    switch event {
                    case .item(let tree, let slot):
                        release.place(withUnsafePointer(to: tree) { mapper(SAXElement(tree: $0, index: 0)) }, slot: slot)
                    case .header(let header):
                        release.header = header
                    }
                    release.release(to: delivery.deliver)
                }
            }
            room.signal()
        }
    }
}
