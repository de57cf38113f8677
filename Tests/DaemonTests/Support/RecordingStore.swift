import Foundation
import Model
import Storage
import Synchronization

/// A store that keeps, for each recorded fetch, the GUIDs of the items it was given, and passes every call
/// on to a real store.
final class RecordingStore: Store {
    private let store: any Store
    private let offered = Mutex<[[String?]]>([])

    init(_ store: any Store) { self.store = store }

    /// The GUIDs of the items of each recorded fetch, in call order.
    var recordedItems: [[String?]] { offered.withLock { $0 } }

    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) throws(StorageError) -> [RecordSummary] {
        offered.withLock { $0.append(contentsOf: fetches.map { $0.items.map(\.item.id) }) }
        return try store.record(fetches, reschedule: reschedule)
    }

    func syncSources(_ sources: [Source], now: Date) throws(StorageError) { try store.syncSources(sources, now: now) }
    func sourceStates() throws(StorageError) -> [SourceState] { try store.sourceStates() }
    func unknownItems(_ items: [FeedItem], from source: String) throws(StorageError) -> [Bool] {
        try store.unknownItems(items, from: source)
    }
    func digestSelection(profile: String, period: String, matchedBefore: Date, limit: Int) throws(StorageError) -> DigestSelection {
        try store.digestSelection(profile: profile, period: period, matchedBefore: matchedBefore, limit: limit)
    }
    func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) throws(StorageError) {
        try store.commitDigest(profile: profile, period: period, matchIDs: matchIDs, paths: paths, writtenAt: writtenAt)
    }
    func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) throws(StorageError) {
        try store.markDigestWritten(profile: profile, period: period, paths: paths, writtenAt: writtenAt)
    }
    func pendingDigests() throws(StorageError) -> [PendingDigest] { try store.pendingDigests() }
    func latestDigestPeriods(onOrBefore day: DigestPeriod) throws(StorageError) -> [String: DigestPeriod] {
        try store.latestDigestPeriods(onOrBefore: day)
    }
    func firstItemStoredAt() throws(StorageError) -> Date? { try store.firstItemStoredAt() }
    func item(id: Int64) throws(StorageError) -> FeedItem? { try store.item(id: id) }
    func activity(since: Date) throws(StorageError) -> Activity { try store.activity(since: since) }
    func findItem(_ key: String) throws(StorageError) -> StoredItem? { try store.findItem(key) }
    func itemSpan(seenSince since: Date) throws(StorageError) -> ItemSpan { try store.itemSpan(seenSince: since) }
    func itemPage(seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String) throws(StorageError) -> [ScoredItem] {
        try store.itemPage(seenSince: since, ids: ids, limit: limit, scoresOf: profile)
    }
}
