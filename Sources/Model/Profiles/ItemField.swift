/// The parts of a feed item that terms are searched in, and that a term or topic can be restricted to.
public enum ItemField: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// The item's title.
    case title
    /// The summary or description.
    case summary
    /// The full content.
    case content
    /// The category labels, each searched on its own so that a phrase never spans two labels.
    case categories
    /// The name of the source the item was read from and each of its tags, each searched on its own.
    /// Searched only by terms that name it in their `fields`.
    case source

    /// Where a term is searched when neither it nor its topic names fields: everything the item says
    /// about itself, not where it comes from.
    public static let defaults: Set<ItemField> = [.title, .summary, .content, .categories]
}
