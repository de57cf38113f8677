import Foundation

/// What the scheduler has learnt about one source: the interval it fetches it at now, and how many new
/// items a day it has been seeing there.
public struct PublishingPace: Sendable, Equatable {
    /// Seconds between two fetches, before jitter and failure back-off.
    public var interval: TimeInterval
    /// Smoothed new items per day; nil until a second successful fetch gives a time span to count over.
    public var itemsPerDay: Double?

    public init(interval: TimeInterval, itemsPerDay: Double? = nil) {
        self.interval = interval
        self.itemsPerDay = itemsPerDay
    }
}
