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
    ///
    /// Each field takes the page's most deliberate statement first: the JSON-LD article, then Open Graph
    /// and other `<meta>`, then the markup itself (`<title>`, the first `<time datetime>`).
    static func extract(root: xmlNodePtr, documentURL: String?) -> ParsedDocument {
        var extractor = HTMLPageExtractor(documentURL: documentURL)
        extractor.collectMetadata(root: root)
        let article = JSONLDArticle.read(extractor.jsonLD)
        let link = extractor.canonical ?? documentURL
        let title = article?.headline ?? extractor.metaText("og:title") ?? extractor.metaText("twitter:title") ?? extractor.titleText
        let item = FeedItem(
            title: title,
            link: link,
            published: extractor.published(article),
            updated: (extractor.metaText("article:modified_time") ?? article?.dateModified).flatMap(FeedDate.parse),
            author: article?.author ?? extractor.metaText("author") ?? extractor.metaText("article:author"),
            summaryText: extractor.metaText("og:description") ?? extractor.metaText("description") ?? article?.articleDescription,
            contentText: TextConstructs.nonEmpty(MainTextChooser.mainText(root: root))
        )
        return ParsedDocument(
            format: .html, title: title, link: link, language: extractor.language, items: [item],
            discoveredFeeds: extractor.feeds
        )
    }

    /// `article:published_time`, JSON-LD `datePublished`, then the first `<time datetime>`.
    private func published(_ article: JSONLDArticle?) -> Date? {
        metaText("article:published_time").flatMap(FeedDate.parse)
            ?? article?.datePublished.flatMap(FeedDate.parse)
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
                baseURL = URIResolver.resolve(href, against: documentURL)
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
        let resolved = URIResolver.resolve(href, against: baseURL)
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

}
