import Foundation
import Model

/// The invariants of a parsed document that hold whatever bytes it came from.
public enum DocumentInvariants {
    /// The instants a four-digit year can denote, a day of UTC offsets to spare on each side.
    public static let saneDates = Date(timeIntervalSince1970: -62_167_219_200 - 86_400)...Date(timeIntervalSince1970: 253_402_300_800 + 86_400)

    public static func check(_ document: ParsedDocument) {
        PlainTextInvariants.check(document.title, field: "document title")
        LinkInvariants.check(document.link, field: "document link")
        PlainTextInvariants.check(document.language, field: "document language")
        for feed in document.discoveredFeeds {
            LinkInvariants.check(feed, field: "discovered feed")
        }
        for item in document.items {
            check(item)
        }
    }

    public static func check(_ item: FeedItem) {
        PlainTextInvariants.check(item.id, field: "item id")
        PlainTextInvariants.check(item.title, field: "item title")
        LinkInvariants.check(item.link, field: "item link")
        PlainTextInvariants.check(item.author, field: "item author")
        PlainTextInvariants.check(item.summaryText, field: "item summary")
        PlainTextInvariants.check(item.contentText, field: "item content")
        for category in item.categories {
            PlainTextInvariants.check(category, field: "item category")
        }
        for (field, date) in [("published", item.published), ("updated", item.updated)] {
            guard let date else { continue }
            Invariant.require(saneDates.contains(date), "item \(field) out of range: \(date.timeIntervalSince1970)")
        }
    }
}
