import Foundation
import Model

/// Maps a decoded JSON Feed to the model, with the same fallbacks as the XML formats.
enum JSONFeedMapper {
    static func document(_ feed: JSONFeedWire, url: String?) -> ParsedDocument {
        let feedAuthor = authorName(feed.authors, feed.author)
        return ParsedDocument(
            format: .jsonFeed,
            title: feed.title.flatMap(plain),
            link: feed.homePageURL.flatMap(plain).flatMap { URIResolver.webLink($0, against: url) },
            language: feed.language.flatMap(plain),
            items: (feed.items ?? []).map { item($0, url: url, feedAuthor: feedAuthor) }
        )
    }

    static func item(_ item: JSONFeedWire.Item, url: String?, feedAuthor: String?) -> FeedItem {
        FeedItem(
            id: item.id.flatMap(plain),
            title: item.title.flatMap(plain),
            link: link(item, url: url),
            published: item.datePublished.flatMap(FeedDate.parse),
            updated: item.dateModified.flatMap(FeedDate.parse),
            author: authorName(item.authors, item.author) ?? feedAuthor,
            summaryText: item.summary.flatMap(plain),
            contentText: item.contentHTML.flatMap { TextConstructs.nonEmpty(HTMLText.plainText(fromHTML: $0)) }
                ?? item.contentText.flatMap(plain),
            categories: (item.tags ?? []).compactMap(plain),
            enclosures: (item.attachments ?? []).compactMap { attachment($0, url: url) }
        )
    }

    static func attachment(_ attachment: JSONFeedWire.Attachment, url: String?) -> Enclosure? {
        guard let link = attachment.url.flatMap(plain).flatMap({ URIResolver.webLink($0, against: url) }) else { return nil }
        return Enclosure(
            url: link, type: attachment.mimeType.flatMap(plain),
            length: attachment.sizeInBytes.flatMap(ExtensionFields.byteCount)
        )
    }

    /// `url`, the item's own page, then `external_url`, the page it talks about; a relative one is resolved,
    /// and one of another scheme than http(s) (`javascript:`, `file:`) is no link.
    static func link(_ item: JSONFeedWire.Item, url: String?) -> String? {
        (item.url.flatMap(plain) ?? item.externalURL.flatMap(plain)).flatMap { URIResolver.webLink($0, against: url) }
    }

    /// 1.1's first author with a name, else 1.0's `author`.
    static func authorName(_ authors: [JSONFeedWire.Author]?, _ author: JSONFeedWire.Author?) -> String? {
        (authors ?? []).lazy.compactMap { $0.name.flatMap(plain) }.first ?? author?.name.flatMap(plain)
    }

    /// JSON Feed strings are plain text (`title`, `summary`, `content_text`): whitespace collapsed, size capped.
    static func plain(_ text: String) -> String? {
        TextConstructs.nonEmpty(PlainTextBuilder.collapse(text))
    }
}
