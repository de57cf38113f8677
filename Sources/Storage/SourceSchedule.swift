import Foundation

/// The pace a source is fetched at, decided once a fetch's new items are counted.
public struct SourceSchedule: Sendable, Equatable {
    /// Seconds between fetches, before jitter and back-off (`sources.current_interval`).
    public var interval: TimeInterval
    /// Smoothed new items per day (`sources.rate_per_day`); nil until known.
    public var itemsPerDay: Double?
    /// When the source is due next; replaces ``FetchRecord/nextDueAt``.
    public var nextDueAt: Date

    public init(interval: TimeInterval, itemsPerDay: Double?, nextDueAt: Date) {
        self.interval = interval
        self.itemsPerDay = itemsPerDay
        self.nextDueAt = nextDueAt
    }
}
