import Foundation
import Model
import Storage

/// A test store that passes every call on to a real store, `base`; a conforming type writes only the
/// calls it watches or holds back.
protocol ForwardingStore: Store {
    var base: any Store { get }
}

extension ForwardingStore {
    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) throws(StorageError) -> [RecordSummary] {
        try base.record(fetches, reschedule: reschedule)
    }
    func unknownItems(_ items: [FeedItem], from source: String) throws(StorageError) -> [Bool] {
        try base.unknownItems(items, from: source)
    }
    func syncSources(_ sources: [Source], now: Date) throws(StorageError) { try base.syncSources(sources, now: now) }
    func sourceStates() throws(StorageError) -> [SourceState] { try base.sourceStates() }
    func digestSelection(profile: String, period: String, matchedBefore: Date, limit: Int) throws(StorageError) -> DigestSelection {
        try base.digestSelection(profile: profile, period: period, matchedBefore: matchedBefore, limit: limit)
    }
    func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) throws(StorageError) {
        try base.commitDigest(profile: profile, period: period, matchIDs: matchIDs, paths: paths, writtenAt: writtenAt)
    }
    func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) throws(StorageError) {
        try base.markDigestWritten(profile: profile, period: period, paths: paths, writtenAt: writtenAt)
    }
    func pendingDigests() throws(StorageError) -> [PendingDigest] { try base.pendingDigests() }
    func latestDigestPeriods(onOrBefore day: DigestPeriod) throws(StorageError) -> [String: DigestPeriod] {
        try base.latestDigestPeriods(onOrBefore: day)
    }
    func firstItemStoredAt() throws(StorageError) -> Date? { try base.firstItemStoredAt() }
    func item(id: Int64) throws(StorageError) -> FeedItem? { try base.item(id: id) }
    func activity(since: Date) throws(StorageError) -> Activity { try base.activity(since: since) }
    func findItem(_ key: String) throws(StorageError) -> StoredItem? { try base.findItem(key) }
    func itemSpan(seenSince since: Date) throws(StorageError) -> ItemSpan { try base.itemSpan(seenSince: since) }
    func itemPage(seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String) throws(StorageError) -> [ScoredItem] {
        try base.itemPage(seenSince: since, ids: ids, limit: limit, scoresOf: profile)
    }
}
