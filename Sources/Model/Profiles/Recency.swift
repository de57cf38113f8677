import Foundation

/// How an item's age when it is first matched lowers its score: full weight during a grace period, then
/// halving every half-life, never below a floor. Items without a date are not lowered.
public struct Recency: Sendable, Equatable, Hashable {
    /// Age up to which an item keeps its full score.
    public var grace: TimeInterval
    /// Time over which the score halves once the grace period is over.
    public var halfLife: TimeInterval
    /// The smallest factor an old item's score is multiplied by, in 0...1.
    public var floor: Double

    /// Two days of grace, a week's half-life, and a floor of a quarter: a month-old item still scores a quarter.
    public static let standard = Recency(grace: 2 * 86_400, halfLife: 7 * 86_400, floor: 0.25)

    /// Creates a decay.
    public init(grace: TimeInterval, halfLife: TimeInterval, floor: Double) {
        self.grace = grace
        self.halfLife = halfLife
        self.floor = floor
    }

    /// The multiplier of the score of an item dated `date` matched at `now`: 1 for an undated item, an item
    /// within the grace period, or one dated in the future.
    public func factor(date: Date?, now: Date) -> Double {
        guard let date else { return 1 }
        let late = now.timeIntervalSince(date) - grace
        guard late > 0, halfLife > 0 else { return 1 }
        return max(floor, pow(0.5, late / halfLife))
    }
}
