import CLibXML2
import Foundation
import Model

/// Reads an HTML page as one item: its metadata, its main text and the feeds it announces.
struct HTMLPageExtractor {
    private static let feedTypes: Set<String> = ["application/rss+xml", "application/atom+xml", "application/feed+json"]

    private let documentURL: String?
    private var baseURL: String?
    private var titleText: String?
    private var meta: [String: String] = [:]
    private var canonical: String?
    private var feeds: [String] = []
    private var firstTimeDatetime: String?
    private var jsonLD: [String] = []
    private var language: String?

    init(documentURL: String?) {
        self.documentURL = documentURL
        self.baseURL = documentURL
    }

    /// The page as a document of one item. The document must be an HTML tree with a root element.
    static func extract(root: xmlNodePtr, documentURL: String?) -> ParsedDocument {
        var extractor = HTMLPageExtractor(documentURL: documentURL)
        extractor.collectMetadata(root: root)
        let link = extractor.canonical ?? documentURL
        let title = extractor.metaText("og:title") ?? extractor.metaText("twitter:title") ?? extractor.titleText
        let item = FeedItem(
            title: title,
            link: link,
            published: extractor.published,
            updated: extractor.metaText("article:modified_time").flatMap(FeedDate.parse),
            author: extractor.metaText("author") ?? extractor.metaText("article:author"),
            summaryText: extractor.metaText("og:description") ?? extractor.metaText("description"),
            contentText: TextConstructs.nonEmpty(MainTextChooser.mainText(root: root))
        )
        return ParsedDocument(
            format: .html, title: title, link: link, language: extractor.language, items: [item],
            discoveredFeeds: extractor.feeds
        )
    }

    /// `article:published_time`, JSON-LD `datePublished`, then the first `<time datetime>`.
    private var published: Date? {
        metaText("article:published_time").flatMap(FeedDate.parse)
            ?? jsonLD.lazy.compactMap(HTMLPageExtractor.jsonLDDatePublished).compactMap(FeedDate.parse).first
            ?? firstTimeDatetime.flatMap(FeedDate.parse)
    }

    private func metaText(_ key: String) -> String? {
        meta[key].map(PlainTextBuilder.collapse).flatMap(TextConstructs.nonEmpty)
    }

    private mutating func collectMetadata(root: xmlNodePtr) {
        language = attribute(root, "lang").flatMap(RSSMapper.nonEmptyTrimmed)
        // <base> applies to every URL of the page, wherever it sits, so find it before resolving anything.
        ElementTraversal.forEachElement(under: root) { node in
            if NodeTextWalker.lowercasedName(node) == "base", let href = attribute(node, "href").flatMap(RSSMapper.nonEmptyTrimmed) {
                baseURL = URIResolver.webBase(href, against: documentURL)
            }
            return true
        }
        ElementTraversal.forEachElement(under: root) { node in
            visit(node)
            return true
        }
    }

    private mutating func visit(_ node: xmlNodePtr) {
        switch NodeTextWalker.lowercasedName(node) {
        case "title" where titleText == nil:
            titleText = TextConstructs.nonEmpty(NodeTextWalker.text(ofChildrenOf: node, rules: .characterData))
        case "meta":
            guard let key = (attribute(node, "property") ?? attribute(node, "name"))?.lowercased(),
                  let content = attribute(node, "content"), meta[key] == nil
            else { return }
            meta[key] = content
        case "link":
            linkElement(node)
        case "time" where firstTimeDatetime == nil:
            firstTimeDatetime = attribute(node, "datetime")
        case "script":
            if attribute(node, "type")?.lowercased().contains("ld+json") == true {
                jsonLD.append(NodeTextWalker.text(ofChildrenOf: node, rules: .characterData))
            }
        default:
            break
        }
    }

    private mutating func linkElement(_ node: xmlNodePtr) {
        guard let href = attribute(node, "href").flatMap(RSSMapper.nonEmptyTrimmed) else { return }
        let rels = Set((attribute(node, "rel") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
        guard let resolved = URIResolver.webLink(href, against: baseURL) else { return }
        if rels.contains("canonical"), canonical == nil {
            canonical = resolved
        }
        let type = attribute(node, "type").map(PlainTextBuilder.collapse)?.lowercased() ?? ""
        if rels.contains("alternate"), HTMLPageExtractor.feedTypes.contains(type), !feeds.contains(resolved) {
            feeds.append(resolved)
        }
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        XMLNodeRef.attribute(of: node, name: name, namespaceURI: nil)
    }

    /// The string value of the first `"datePublished"` key in a JSON-LD block.
    ///
    /// A key scan rather than a JSON decode: JSON-LD on real pages is often invalid JSON, and only this one value is wanted.
    static func jsonLDDatePublished(_ json: String) -> String? {
        guard let key = json.range(of: "\"datePublished\"") else { return nil }
        var rest = json[key.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return value.isEmpty ? nil : String(value)
    }
}
