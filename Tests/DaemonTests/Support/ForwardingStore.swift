import Foundation
import Model
import Storage

/// A test store that passes every call on to a real store, `base`; a conforming type writes only the
/// calls it watches or holds back.
protocol ForwardingStore: Store {
    var base: any Store { get }
}

extension ForwardingStore {
    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) async throws(StorageError) -> [RecordSummary] {
        try await base.record(fetches, reschedule: reschedule)
    }
    func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool] {
        try await base.unknownItems(items, from: source)
    }
    func syncSources(_ sources: [Source], declaredBy member: String, owner: String, liveSince: Date, now: Date) async throws(StorageError) {
        try await base.syncSources(sources, declaredBy: member, owner: owner, liveSince: liveSince, now: now)
    }
    func sourceStates() async throws(StorageError) -> [SourceState] { try await base.sourceStates() }
    func digestSelection(profile: String, period: String, matchedBefore: Date, limit: Int) async throws(StorageError) -> DigestSelection {
        try await base.digestSelection(profile: profile, period: period, matchedBefore: matchedBefore, limit: limit)
    }
    func commitDigest(profile: String, period: String, matchIDs: [Int64], paths: [String], writtenAt: Date) async throws(StorageError) {
        try await base.commitDigest(profile: profile, period: period, matchIDs: matchIDs, paths: paths, writtenAt: writtenAt)
    }
    func markDigestWritten(profile: String, period: String, paths: [String], writtenAt: Date) async throws(StorageError) {
        try await base.markDigestWritten(profile: profile, period: period, paths: paths, writtenAt: writtenAt)
    }
    func pendingDigests() async throws(StorageError) -> [PendingDigest] { try await base.pendingDigests() }
    func latestDigestPeriods(of kind: DigestPeriod.Kind, onOrBefore day: DigestPeriod) async throws(StorageError) -> [String: DigestPeriod] {
        try await base.latestDigestPeriods(of: kind, onOrBefore: day)
    }
    func dailyMatchCounts(profile: String, since: Date, timeZone: TimeZone) async throws(StorageError) -> DailyMatchCounts {
        try await base.dailyMatchCounts(profile: profile, since: since, timeZone: timeZone)
    }
    func recordDigestEntries(profile: String, period: String, entries: Int) async throws(StorageError) {
        try await base.recordDigestEntries(profile: profile, period: period, entries: entries)
    }
    func digestEntryCounts() async throws(StorageError) -> [String: [String: Int]] { try await base.digestEntryCounts() }
    func firstItemStoredAt() async throws(StorageError) -> Date? { try await base.firstItemStoredAt() }
    func databaseSize() async throws(StorageError) -> Int64 { try await base.databaseSize() }
    func item(id: Int64) async throws(StorageError) -> FeedItem? { try await base.item(id: id) }
    func activity(since: Date) async throws(StorageError) -> Activity { try await base.activity(since: since) }
    func findItem(_ key: String) async throws(StorageError) -> StoredItem? { try await base.findItem(key) }
    func itemSpan(seenSince since: Date) async throws(StorageError) -> ItemSpan { try await base.itemSpan(seenSince: since) }
    func itemPage(seenSince since: Date, ids: ClosedRange<Int64>, limit: Int, scoresOf profile: String) async throws(StorageError) -> [ScoredItem] {
        try await base.itemPage(seenSince: since, ids: ids, limit: limit, scoresOf: profile)
    }
    func claimSources(among names: [String], owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [SourceState] {
        try await base.claimSources(among: names, owner: owner, now: now, until: until, limit: limit)
    }
    func nextClaimTime(among names: [String]) async throws(StorageError) -> Date? { try await base.nextClaimTime(among: names) }
    func releaseSources(owner: String) async throws(StorageError) { try await base.releaseSources(owner: owner) }
    func keepAlive(member: String, owner: String, now: Date, until: Date) async throws(StorageError) {
        try await base.keepAlive(member: member, owner: owner, now: now, until: until)
    }
    func claimDigestPeriod(_ period: String, owner: String, now: Date, until: Date, again: Bool) async throws(StorageError) -> DigestClaim {
        try await base.claimDigestPeriod(period, owner: owner, now: now, until: until, again: again)
    }
    func releaseDigestPeriod(_ period: String, owner: String, done: Bool, now: Date) async throws(StorageError) {
        try await base.releaseDigestPeriod(period, owner: owner, done: done, now: now)
    }
    func retireSources(_ names: [String], liveSince: Date) async throws(StorageError) -> SourceRetirement {
        try await base.retireSources(names, liveSince: liveSince)
    }
    func prune(contentBefore: Date, identityBefore: Date, now: Date, batch: Int) async throws(StorageError) -> PruneSummary {
        try await base.prune(contentBefore: contentBefore, identityBefore: identityBefore, now: now, batch: batch)
    }
    func leave(member: String, owner: String, now: Date) async throws(StorageError) {
        try await base.leave(member: member, owner: owner, now: now)
    }
    func claimAlerts(_ state: AlertState, owner: String, now: Date, until: Date, limit: Int) async throws(StorageError) -> [Alert] {
        try await base.claimAlerts(state, owner: owner, now: now, until: until, limit: limit)
    }
    func markAlertWritten(id: Int64, commandOwed: Bool, now: Date) async throws(StorageError) {
        try await base.markAlertWritten(id: id, commandOwed: commandOwed, now: now)
    }
    func recordAlertAttempt(id: Int64, _ attempt: AlertAttempt, now: Date) async throws(StorageError) {
        try await base.recordAlertAttempt(id: id, attempt, now: now)
    }
    func nextAlertDue(_ state: AlertState) async throws(StorageError) -> Date? { try await base.nextAlertDue(state) }
    func alertTally(since: Date) async throws(StorageError) -> AlertTally { try await base.alertTally(since: since) }
    func close() async { await base.close() }
    func queueDeliveries(profile: String, period: String, recipients: [String], now: Date) async throws(StorageError) {
        try await base.queueDeliveries(profile: profile, period: period, recipients: recipients, now: now)
    }
    func claimDueDeliveries(now: Date, limit: Int) async throws(StorageError) -> [Delivery] {
        try await base.claimDueDeliveries(now: now, limit: limit)
    }
    func finishDelivery(id: Int64, outcome: DeliveryOutcome, now: Date) async throws(StorageError) {
        try await base.finishDelivery(id: id, outcome: outcome, now: now)
    }
    func abandonInterruptedDeliveries(claimedBefore: Date, now: Date) async throws(StorageError) -> [Delivery] {
        try await base.abandonInterruptedDeliveries(claimedBefore: claimedBefore, now: now)
    }
    func nextDeliveryDue() async throws(StorageError) -> Date? { try await base.nextDeliveryDue() }
    func deliveries(period: String?) async throws(StorageError) -> [Delivery] { try await base.deliveries(period: period) }
}
