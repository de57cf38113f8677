/// The element names the feed mappers ask for. A `SAXTree` gives each element its name's case when it is
/// built, once per distinct name, so that asking whether an element is an item's `title` compares two bytes
/// instead of two strings: mappers ask that about a couple of hundred children per item.
enum FeedName: String, CaseIterable, Sendable {
    case author, body, category, channel, content, created, creator, date, description, email, enclosure, encoded
    case entry, fullitem, group, guid, id, issued, item, keywords, language, link, modified, name, pubDate
    case published, subject, summary, tags, title, updated

    /// The case named `name`, looked up by hash rather than by the string comparisons `init(rawValue:)` makes
    /// one case after the other.
    static func named(_ name: String) -> FeedName? {
        byName[name]
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}
