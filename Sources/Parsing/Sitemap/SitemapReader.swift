import CLibXML2
import Foundation
import Model

/// Reads sitemaps (sitemaps.org 0.9, with Google News' `<news:news>`), sitemap indexes and text sitemaps.
///
/// Elements are matched by local name whatever their namespace: sitemaps in the wild use the wrong
/// namespace or none. An entry's date is its `news:publication_date`, else its `<lastmod>`; entries dated
/// before `since` are skipped, and of the others the newest ``SitemapLimits/maxItems`` are kept (undated
/// ones after the dated, in document order). An entry's title is its `news:title`; without one, the last
/// words of its URL path stand in for it, so that profiles can still match the entry.
public enum SitemapReader {
    /// Parses `data`, a sitemap fetched from `url`.
    /// - Parameter since: entries dated before this instant are skipped; nil keeps every date.
    public static func parse(
        _ data: [UInt8], url: String?, contentType: String?, since: Date?, limits: SitemapLimits = SitemapLimits()
    ) throws(ParseError) -> Sitemap {
        let start = data.firstIndex { !(0x09...0x0D).contains($0) && $0 != 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        guard let start else { throw ParseError(url: url, message: "empty document") }
        guard data[start] == UInt8(ascii: "<") else {
            return textSitemap(data, url: url, limits: limits)
        }
        let decoding = ControlCharacterFilter.replacingForbiddenControls(in: CharsetHint.xmlDecoding(for: .owned(data[start...]), contentType: contentType))
        let result: Result<Sitemap, ParseError> = LibXMLErrorLog.capture { log in
            guard let tree = LibXMLReader.readXML(decoding) else {
                return .failure(error(from: log, url: url, fallback: "not an XML document"))
            }
            defer { xmlFreeDoc(tree.document) }
            guard let root = xmlDocGetRootElement(tree.document) else {
                return .failure(error(from: log, url: url, fallback: "no root element"))
            }
            let element = XMLNodeRef(node: root, documentURL: url)
            switch element.localName {
            case "urlset": return .success(urlSet(element, since: since, limits: limits))
            case "sitemapindex": return .success(index(element, limits: limits))
            default:
                return .failure(ParseError(url: url, message: "not a sitemap: the root element is <\(element.localName)>, not <urlset> or <sitemapindex>"))
            }
        }
        return try result.get()
    }

    private static func urlSet(_ root: XMLNodeRef, since: Date?, limits: SitemapLimits) -> Sitemap {
        var entries: [Entry] = []
        var skipped = 0
        var child = root.node.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let element = XMLNodeRef(node: node, documentURL: root.documentURL)
            guard element.localName == "url", let entry = entry(element) else { continue }
            if let since, let date = entry.date, date < since {
                skipped += 1
                continue
            }
            entries.append(entry)
        }
        // Only the entries kept become items: titles from URL paths cost more than reading the entries.
        let kept = newest(entries, count: limits.maxItems, date: \.date)
        return Sitemap(items: kept.map(item), skipped: skipped + entries.count - kept.count)
    }

    /// What one `<url>` says, before it is known to be kept.
    private struct Entry {
        var element: XMLNodeRef
        var location: String
        var lastModified: Date?
        var published: Date?
        var date: Date? { published ?? lastModified }
    }

    private static func entry(_ element: XMLNodeRef) -> Entry? {
        var location: String?
        var lastModified: Date?
        var published: Date?
        for field in element.childElements {
            switch field.localName {
            case "loc": location = webURL(field)
            case "lastmod": lastModified = FeedDate.parse(field.characterData)
            case "news":
                published = field.childElements.first { $0.localName == "publication_date" }.flatMap { FeedDate.parse($0.characterData) }
            default: break
            }
        }
        guard let location else { return nil }
        return Entry(element: element, location: location, lastModified: lastModified, published: published)
    }

    private static func item(_ entry: Entry) -> FeedItem {
        let news = entry.element.childElements.first { $0.localName == "news" }?.childElements ?? []
        let newsTitle = news.first { $0.localName == "title" }.flatMap(TextConstructs.plain)
        let keywords = news.first { $0.localName == "keywords" }.map { element in
            element.characterData.split(separator: ",").compactMap { RSSMapper.nonEmptyTrimmed(String($0)) }
        } ?? []
        return FeedItem(
            id: entry.location, title: newsTitle ?? titleFromPath(entry.location), link: entry.location, published: entry.published,
            updated: entry.lastModified, categories: keywords)
    }

    private static func index(_ root: XMLNodeRef, limits: SitemapLimits) -> Sitemap {
        let children = root.childElements.filter { $0.localName == "sitemap" }.compactMap { element -> Sitemap.Child? in
            let fields = element.childElements
            // Some indexes write the URL as the text of <sitemap> itself, with no <loc>.
            guard let location = fields.first(where: { $0.localName == "loc" }).flatMap(webURL) ?? (fields.isEmpty ? webURL(element) : nil)
            else { return nil }
            let lastModified = fields.first { $0.localName == "lastmod" }.flatMap { FeedDate.parse($0.characterData) }
            return Sitemap.Child(url: location, lastModified: lastModified)
        }
        let kept = newest(children, count: limits.maxChildren, date: \.lastModified)
        return Sitemap(children: kept, skipped: children.count - kept.count)
    }

    /// One http(s) URL per line; blank lines and anything else are skipped.
    private static func textSitemap(_ data: [UInt8], url: String?, limits: SitemapLimits) -> Sitemap {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = String(decoding: data.starts(with: bom) ? data.dropFirst(3) : data[...], as: UTF8.self)
        var items: [FeedItem] = []
        var skipped = 0
        for line in text.split(whereSeparator: \.isNewline) {
            guard let location = SitemapReader.webURL(String(line), base: nil) else { continue }
            guard items.count < limits.maxItems else {
                skipped += 1
                continue
            }
            items.append(FeedItem(id: location, title: titleFromPath(location), link: location))
        }
        return Sitemap(items: items, skipped: skipped)
    }

    /// The newest `count` of `elements` by `date`, dated first, newest first, then undated in document order.
    private static func newest<Element>(_ elements: [Element], count: Int, date: (Element) -> Date?) -> [Element] {
        let ranked = elements.indices.sorted { left, right in
            switch (date(elements[left]), date(elements[right])) {
            case let (l?, r?) where l != r: l > r
            case (_?, nil): true
            case (nil, _?): false
            default: left < right
            }
        }
        return ranked.prefix(max(0, count)).map { elements[$0] }
    }

    private static func webURL(_ element: XMLNodeRef) -> String? {
        webURL(element.characterData, base: element.baseURI)
    }

    /// `text` resolved against `base` when it is then an http(s) URL.
    static func webURL(_ text: String, base: String?) -> String? {
        guard text.utf8.count <= ListingLimits.maxLinkBytes, let trimmed = RSSMapper.nonEmptyTrimmed(text) else { return nil }
        let resolved = URIResolver.resolve(trimmed, against: base)
        let lowercased = resolved.lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else { return nil }
        return resolved
    }

    /// The words of the last meaningful segment of a URL path: `/actualites/2026/aide-a-l-hydrogene.html`
    /// → `aide a l hydrogene`; nil when the path holds no word.
    static func titleFromPath(_ link: String) -> String? {
        guard let components = URLComponents(string: link) else { return nil }
        let segments = components.percentEncodedPath.split(separator: "/").map { segment -> String in
            let decoded = String(segment).removingPercentEncoding ?? String(segment)
            let stem = decoded.split(separator: ".").first.map(String.init) ?? decoded
            return stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "+" }).joined(separator: " ")
        }
        return segments.last { segment in segment.contains { $0.isLetter } && segment.count > 2 }
    }

    private static func error(from log: LibXMLErrorLog, url: String?, fallback: String) -> ParseError {
        guard let first = log.firstError else { return ParseError(url: url, line: 1, column: 1, message: fallback) }
        return ParseError(url: url, line: first.line, column: first.column, message: first.message)
    }
}
