/// Bounds on an OPML file, which comes from elsewhere: a reader's export holds hundreds of feeds, so
/// these leave room for the largest while keeping a hostile file from costing much.
public struct OPMLLimits: Sendable, Equatable {
    /// The largest file read, in bytes.
    public var maxBytes: Int
    /// The most `outline` elements read, folders included.
    public var maxOutlines: Int

    /// Creates limits; the defaults are 10 MiB and 20,000 outlines.
    public init(maxBytes: Int = 10 * 1024 * 1024, maxOutlines: Int = 20_000) {
        self.maxBytes = maxBytes
        self.maxOutlines = maxOutlines
    }
}
