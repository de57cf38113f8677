/// JSON Feed 1.0 and 1.1 as written on the wire (https://jsonfeed.org/version/1.1); only the members
/// veilleur reads. Every member is optional and tolerant of its type, since producers get them wrong.
struct JSONFeedWire: Decodable {
    var version: String?
    var title: String?
    var homePageURL: String?
    var language: String?
    var author: Author?
    var authors: [Author]?
    var items: [Item]?

    enum CodingKeys: String, CodingKey {
        case version, title, language, author, authors, items
        case homePageURL = "home_page_url"
    }

    /// A JSON Feed author: 1.0 has one `author`, 1.1 an `authors` array.
    struct Author: Decodable {
        var name: String?
        var url: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = container.lenientString(.name)
            url = container.lenientString(.url)
        }

        enum CodingKeys: String, CodingKey { case name, url }
    }

    struct Item: Decodable {
        var id: String?
        var url: String?
        var externalURL: String?
        var title: String?
        var contentHTML: String?
        var contentText: String?
        var summary: String?
        var datePublished: String?
        var dateModified: String?
        var author: Author?
        var authors: [Author]?
        var tags: [String]?
        var attachments: [Attachment]?

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, author, authors, tags, attachments
            case externalURL = "external_url"
            case contentHTML = "content_html"
            case contentText = "content_text"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenientString(.id)
            url = container.lenientString(.url)
            externalURL = container.lenientString(.externalURL)
            title = container.lenientString(.title)
            contentHTML = container.lenientString(.contentHTML)
            contentText = container.lenientString(.contentText)
            summary = container.lenientString(.summary)
            datePublished = container.lenientString(.datePublished)
            dateModified = container.lenientString(.dateModified)
            author = try? container.decodeIfPresent(Author.self, forKey: .author)
            authors = try? container.decodeIfPresent([Author].self, forKey: .authors)
            tags = (try? container.decodeIfPresent([LenientString].self, forKey: .tags))?.compactMap(\.value)
            attachments = try? container.decodeIfPresent([Attachment].self, forKey: .attachments)
        }
    }

    /// A JSON Feed attachment: `url` and `mime_type` are required by the spec, `size_in_bytes` optional.
    struct Attachment: Decodable {
        var url: String?
        var mimeType: String?
        var sizeInBytes: String?

        enum CodingKeys: String, CodingKey {
            case url
            case mimeType = "mime_type"
            case sizeInBytes = "size_in_bytes"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = container.lenientString(.url)
            mimeType = container.lenientString(.mimeType)
            sizeInBytes = container.lenientString(.sizeInBytes)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = container.lenientString(.version)
        title = container.lenientString(.title)
        homePageURL = container.lenientString(.homePageURL)
        language = container.lenientString(.language)
        author = try? container.decodeIfPresent(Author.self, forKey: .author)
        authors = try? container.decodeIfPresent([Author].self, forKey: .authors)
        items = try container.decodeIfPresent([LossyItem].self, forKey: .items)?.compactMap(\.item)
    }

    /// An item that fails to decode (an array where an object belongs) is skipped, not the whole feed.
    private struct LossyItem: Decodable {
        var item: Item?
        init(from decoder: any Decoder) throws { item = try? Item(from: decoder) }
    }
}

/// A string, or a number written where a string belongs (ids often are); anything else is nil.
struct LenientString: Decodable {
    var value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            value = string
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        }
    }
}

extension KeyedDecodingContainer {
    func lenientString(_ key: Key) -> String? {
        (try? decodeIfPresent(LenientString.self, forKey: key))?.value
    }
}
