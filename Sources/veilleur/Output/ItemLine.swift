import Foundation
import Model

/// The JSONL shape of an item shared by `parse --jsonl` (output) and `match --items` (input).
enum ItemLine {
    /// Keys in contract order.
    static func render(_ item: FeedItem, feedTitle: String?) -> String {
        var out: [UInt8] = []
        write(item, feedTitle: feedTitle, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `render`'s line, without its newline, to `out`: written field by field, as `JSONValue` would
    /// write the object, without building it first.
    static func write(_ item: FeedItem, feedTitle: String?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"feed_title":"#.utf8)
        write(feedTitle, to: &out)
        out.append(contentsOf: #","title":"#.utf8)
        write(item.title, to: &out)
        out.append(contentsOf: #","link":"#.utf8)
        write(item.link, to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        write(item.id, to: &out)
        out.append(contentsOf: #","published":"#.utf8)
        write(item.published, to: &out)
        out.append(contentsOf: #","updated":"#.utf8)
        write(item.updated, to: &out)
        out.append(contentsOf: #","author":"#.utf8)
        write(item.author, to: &out)
        out.append(contentsOf: #","summary_text":"#.utf8)
        write(item.summaryText, to: &out)
        out.append(contentsOf: #","content_text":"#.utf8)
        write(item.contentText, to: &out)
        out.append(contentsOf: #","categories":["#.utf8)
        for (index, category) in item.categories.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(category, to: &out)
        }
        out.append(contentsOf: "]}".utf8)
    }

    private static func write(_ text: String?, to out: inout [UInt8]) {
        guard let text else { return out.append(contentsOf: "null".utf8) }
        JSONValue.writeString(text, to: &out)
    }

    private static func write(_ date: Date?, to out: inout [UInt8]) {
        guard let date else { return out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "\""))
        ISOTimestamp.write(date, to: &out)
        out.append(UInt8(ascii: "\""))
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
