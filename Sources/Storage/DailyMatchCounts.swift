import Foundation
import Model

/// A profile's matches per local day over a window, in all and per topic: what a digest's trend chart draws.
///
/// A match counts once in ``total`` and once under each of its topics, so the topics' counts of a day may
/// add up to more than its total. Days without a match are absent.
public struct DailyMatchCounts: Sendable, Equatable {
    /// Matches recorded each day.
    public var total: [DigestPeriod: Int]
    /// Matches recorded each day, by topic name.
    public var byTopic: [String: [DigestPeriod: Int]]

    public init(total: [DigestPeriod: Int] = [:], byTopic: [String: [DigestPeriod: Int]] = [:]) {
        self.total = total
        self.byTopic = byTopic
    }

    /// Stores are grouped in slots of this many seconds, which the caller's time zone then turns into days:
    /// every zone in use is offset from UTC by a whole number of quarter hours, so a slot never straddles
    /// two local days, and a window of 30 days is at most 2,880 slots whatever the number of matches.
    static let slotSeconds = 900

    /// Adds `count` matches of the slot `slot` (seconds since 1970 divided by ``slotSeconds``) to its local day,
    /// under `topic`, or to the total when `topic` is nil.
    mutating func add(slot: Int64, topic: String?, count: Int, in timeZone: TimeZone) {
        let day = DigestPeriod(of: Date(timeIntervalSince1970: Double(slot) * Double(Self.slotSeconds)), in: timeZone)
        if let topic {
            byTopic[topic, default: [:]][day, default: 0] += count
        } else {
            total[day, default: 0] += count
        }
    }
}
