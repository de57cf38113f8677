/// How far a digest run has got, reported after each profile, for a progress display.
public struct DigestProgress: Sendable, Equatable {
    /// Profiles to write.
    public var total: Int
    /// Profiles handled so far, written or not.
    public var done: Int
    /// Profiles among them whose digest could not be written.
    public var failed: Int

    /// The progress of a run over `total` profiles.
    public init(total: Int, done: Int = 0, failed: Int = 0) {
        self.total = total
        self.done = done
        self.failed = failed
    }
}
