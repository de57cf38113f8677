import Foundation
import Model

/// The JSONL shape of an item shared by `parse --jsonl` (output) and `match --items` (input).
enum ItemLine {
    /// Keys in contract order.
    static func render(_ item: FeedItem, feedTitle: String?) -> String {
        json(item, feedTitle: feedTitle).rendered
    }

    /// Appends `render`'s line, without its newline, to `out`.
    static func write(_ item: FeedItem, feedTitle: String?, to out: inout [UInt8]) {
        json(item, feedTitle: feedTitle).write(to: &out)
    }

    private static func json(_ item: FeedItem, feedTitle: String?) -> JSONValue {
        JSONValue.object([
            ("feed_title", .optional(feedTitle)),
            ("title", .optional(item.title)),
            ("link", .optional(item.link)),
            ("id", .optional(item.id)),
            ("published", .date(item.published)),
            ("updated", .date(item.updated)),
            ("author", .optional(item.author)),
            ("summary_text", .optional(item.summaryText)),
            ("content_text", .optional(item.contentText)),
            ("categories", .array(item.categories.map(JSONValue.string))),
        ])
    }

    /// The wire form read back by `match`.
    struct Wire: Decodable {
        var title: String?
        var link: String?
        var id: String?
        var published: String?
        var updated: String?
        var author: String?
        var summary_text: String?
        var content_text: String?
        var categories: [String]?
    }

    private static func wire(_ reader: ItemLineReader) -> Wire {
        let fields = reader.strings
        return Wire(
            title: fields["title"], link: fields["link"], id: fields["id"], published: fields["published"],
            updated: fields["updated"], author: fields["author"], summary_text: fields["summary_text"],
            content_text: fields["content_text"], categories: reader.categories)
    }

    /// Reads one line; dates are ISO-8601. A line ``ItemLineReader`` leaves aside is read by `JSONDecoder`,
    /// whose error an invalid line fails with.
    static func parse(_ line: Substring) throws -> FeedItem {
        let wire = try ItemLineReader.read(line).map(wire) ?? JSONDecoder().decode(Wire.self, from: Data(line.utf8))
        func date(_ text: String?) -> Date? { text.flatMap { try? Date($0, strategy: .iso8601) } }
        return FeedItem(
            id: wire.id, title: wire.title, link: wire.link, published: date(wire.published),
            updated: date(wire.updated), author: wire.author, summaryText: wire.summary_text,
            contentText: wire.content_text, categories: wire.categories ?? [])
    }
}
