/// The parts of a feed item that terms are searched in.
public enum ItemField: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// The item's title.
    case title
    /// The summary or description.
    case summary
    /// The full content.
    case content
    /// The category labels, each searched on its own so that a phrase never spans two labels.
    case categories
}
