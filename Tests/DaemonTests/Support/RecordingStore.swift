import Foundation
import Model
import Storage
import Synchronization

/// A store that keeps, for each recorded fetch, the GUIDs of the items it was given, and passes every call
/// on to a real store.
final class RecordingStore: ForwardingStore {
    let base: any Store
    private let offered = Mutex<[[String?]]>([])

    init(_ store: any Store) { base = store }

    /// The GUIDs of the items of each recorded fetch, in call order.
    var recordedItems: [[String?]] { offered.withLock { $0 } }

    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) async throws(StorageError) -> [RecordSummary] {
        offered.withLock { $0.append(contentsOf: fetches.map { $0.items.map(\.item.id) }) }
        return try await base.record(fetches, reschedule: reschedule)
    }
}
