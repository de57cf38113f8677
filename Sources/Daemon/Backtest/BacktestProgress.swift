/// How far a backtest has got, reported after each page of items, for a progress display.
public struct BacktestProgress: Sendable, Equatable {
    /// Items in the window.
    public var total: Int
    /// Items replayed so far.
    public var replayed: Int
    /// Items left out so far, their source being no longer configured.
    public var skipped: Int
    /// Items replayed so far that the profile as it is now alerts.
    public var alerted: Int

    /// The progress of a backtest over `total` items.
    public init(total: Int, replayed: Int = 0, skipped: Int = 0, alerted: Int = 0) {
        self.total = total
        self.replayed = replayed
        self.skipped = skipped
        self.alerted = alerted
    }

    /// Items read so far, replayed or left out.
    public var done: Int { replayed + skipped }
}
