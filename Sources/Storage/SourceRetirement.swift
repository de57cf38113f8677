/// What ``Store/retireSources(_:liveSince:)`` did.
public struct SourceRetirement: Sendable, Equatable {
    /// The names retired, in the order asked.
    public var retired: [String]
    /// The names no source is stored under.
    public var unknown: [String]
    /// For each retired source that live daemons still declared, those daemons: it comes back when one of
    /// them starts or reloads with it still configured.
    public var declaredBy: [String: [String]]

    public init(retired: [String] = [], unknown: [String] = [], declaredBy: [String: [String]] = [:]) {
        self.retired = retired
        self.unknown = unknown
        self.declaredBy = declaredBy
    }
}
