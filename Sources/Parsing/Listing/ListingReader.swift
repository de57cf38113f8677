import CLibXML2
import Foundation
import Model

/// Reads an HTML listing page with XPath selectors: one item per element `items` selects.
///
/// An item is kept when its link resolves to an http(s) URL (relative links are resolved against the
/// page, or its `<base>`; `javascript:`, `file:`, `mailto:` and the like are dropped); the link is its id.
public enum ListingReader {
    /// Parses `data` as HTML and applies `selectors`.
    /// - Parameters:
    ///   - url: the page's URL, base of relative links.
    ///   - contentType: the HTTP Content-Type (charset hint).
    /// - Throws: when the page is not HTML, a selector does not compile, or `items` computes a value
    ///   instead of selecting nodes.
    public static func parse(
        _ data: [UInt8], url: String?, contentType: String?, selectors: ListingSelectors, limits: ListingLimits = ListingLimits()
    ) throws(ParseError) -> ParsedDocument {
        let charset = CharsetHint.charset(fromContentType: contentType).flatMap { CharsetHint.isSupported($0) ? $0 : nil }
        let result: Result<ParsedDocument, ParseError> = LibXMLErrorLog.capture { log in
            guard let document = LibXMLReader.readHTML(data, url: url, encoding: charset) else {
                return .failure(ParseError(url: url, line: 1, column: 1, message: "not an HTML document"))
            }
            defer { xmlFreeDoc(document) }
            do throws(ParseError) {
                let reader = try Evaluation(document: document, selectors: selectors, url: url, limits: limits, log: log)
                return .success(reader.read())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The compiled selectors and the XPath context of one page.
    private final class Evaluation {
        let document: htmlDocPtr
        let context: xmlXPathContextPtr
        let url: String?
        let limits: ListingLimits
        let items: XPathExpression
        let title: XPathExpression
        let link: XPathExpression
        let date: XPathExpression?
        let summary: XPathExpression?
        /// The items selector cut at its descendant steps (``DescendantSegments``): the first evaluated on
        /// the page, each next one from the outermost nodes the previous one selected; nil to evaluate it whole.
        let itemSteps: [XPathExpression]?
        private(set) var exhausted = false

        init(
            document: htmlDocPtr, selectors: ListingSelectors, url: String?, limits: ListingLimits, log: LibXMLErrorLog
        ) throws(ParseError) {
            func compile(_ text: String, _ name: String) throws(ParseError) -> XPathExpression {
                do throws(XPathSyntaxError) {
                    return try XPathExpression(text, log: log)
                } catch {
                    throw ParseError(url: url, message: "the \(name) selector '\(text)' does not compile: \(error)")
                }
            }
            items = try compile(selectors.items, "items")
            title = try compile(selectors.title, "title")
            link = try compile(selectors.link, "link")
            date = try selectors.date.map { text throws(ParseError) in try compile(text, "date") }
            summary = try selectors.summary.map { text throws(ParseError) in try compile(text, "summary") }
            itemSteps = DescendantSegments.split(selectors.items).flatMap { segments in
                let texts = segments.head.isEmpty
                    ? ["//" + segments.tails[0]] + segments.tails.dropFirst().map { ".//" + $0 }
                    : [segments.head] + segments.tails.map { ".//" + $0 }
                let steps = texts.compactMap { text in try? XPathExpression(text, log: log) }
                return steps.count == texts.count ? steps : nil
            }
            guard let context = xmlXPathNewContext(document) else {
                throw ParseError(url: url, message: "libxml2 could not create an XPath context")
            }
            context.pointee.opLimit = UInt(max(1, limits.maxOperations))
            self.context = context
            self.document = document
            self.url = url
            self.limits = limits
        }

        deinit { xmlXPathFreeContext(context) }

        func read() -> ParsedDocument {
            let root = xmlDocGetRootElement(document)
            let base = root.flatMap { text(of: "(//base/@href)[1]", at: $0) }.map { URIResolver.resolve($0, against: url) } ?? url
            let pageTitle = root.flatMap { text(of: "(//title)[1]", at: $0) }
            let language = root.flatMap { XMLNodeRef.attribute(of: $0, name: "lang", namespaceURI: nil) }.flatMap(RSSMapper.nonEmptyTrimmed)
            var document = ParsedDocument(format: .listing, title: pageTitle, link: url, language: language)
            guard let root else { return document }
            let pruned = DocumentPrefix.keep(limits.maxElements, elementsUnder: root)
            var seen: Set<String> = []
            let selected = selectItems(at: root)
            if selected == nil, !exhausted {
                document.truncation = ParsedDocument.Truncation(
                    line: 1, column: 1, reason: "the items selector '\(items.text)' computes a value; it must select elements")
                return document
            }
            for node in selected ?? [] where !exhausted {
                guard let item = item(at: node, base: base), let link = item.link, seen.insert(link).inserted else { continue }
                document.items.append(item)
            }
            if exhausted {
                document.truncation = ParsedDocument.Truncation(
                    line: 1, column: 1,
                    reason: "the selectors spent \(limits.maxOperations) XPath operations on this page; items after this point were not read")
            } else if pruned {
                document.truncation = ParsedDocument.Truncation(
                    line: 1, column: 1, reason: "the page holds more than \(limits.maxElements) elements; items after them were not read")
            }
            return document
        }

        private func item(at node: xmlNodePtr, base: String?) -> FeedItem? {
            guard let href = value(of: link, at: node), let resolved = Self.webLink(href, base: base) else { return nil }
            return FeedItem(
                id: resolved,
                title: value(of: title, at: node),
                link: resolved,
                published: date.flatMap { value(of: $0, at: node) }.flatMap(FeedDate.parse),
                summaryText: summary.flatMap { value(of: $0, at: node) })
        }

        /// `href` resolved against `base`, when it is an http(s) URL or, with no web base (a local file), a
        /// relative reference; nil for any other scheme, and for a link longer than any URL a source may have
        /// (a selector computing the text of the whole page).
        static func webLink(_ href: String, base: String?) -> String? {
            guard href.utf8.count <= ListingLimits.maxLinkBytes, let trimmed = RSSMapper.nonEmptyTrimmed(href) else { return nil }
            let resolved = URIResolver.resolve(trimmed, against: base)
            guard let colon = resolved.firstIndex(of: ":") else { return resolved }
            let scheme = resolved[..<colon]
            let isScheme = scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
                && !scheme.contains("/")
            guard isScheme else { return resolved }
            let lowercased = scheme.lowercased()
            return lowercased == "http" || lowercased == "https" ? resolved : nil
        }

        /// The text of the first node `expression` selects at `node`, or the string it computes.
        private func value(of expression: XPathExpression, at node: xmlNodePtr) -> String? {
            guard let object = run(expression.compiled, at: node) else { return nil }
            defer { xmlXPathFreeObject(object) }
            if object.pointee.type == XPATH_NODESET {
                guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0] else { return nil }
                return Self.text(of: first)
            }
            return LibXMLString.take(xmlXPathCastToString(object)).map(PlainTextBuilder.collapse).flatMap(TextConstructs.nonEmpty)
        }

        private func text(of expression: String, at node: xmlNodePtr) -> String? {
            guard let compiled = xmlXPathCompile(expression) else { return nil }
            defer { xmlXPathFreeCompExpr(compiled) }
            guard let object = run(compiled, at: node) else { return nil }
            defer { xmlXPathFreeObject(object) }
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0] else { return nil }
            return Self.text(of: first)
        }

        /// The elements the items selector selects on the page, the first ``ListingLimits/maxItems``; nil
        /// when it computes a value instead.
        private func selectItems(at root: xmlNodePtr) -> [xmlNodePtr]? {
            var selected: [xmlNodePtr]
            if let steps = itemSteps, let first = steps.first {
                guard let start = nodes(first.compiled, at: root) else { return exhausted ? [] : nil }
                selected = start
                for step in steps.dropFirst() {
                    var next: [xmlNodePtr] = []
                    var seen: Set<xmlNodePtr> = []
                    for context in Self.outermost(selected) where !exhausted {
                        guard let found = nodes(step.compiled, at: context) else { break }
                        next += found.filter { seen.insert($0).inserted }
                    }
                    selected = next
                }
            } else {
                guard let all = nodes(items.compiled, at: root) else { return exhausted ? [] : nil }
                selected = all
            }
            return Array(selected.lazy.filter { $0.pointee.type == XML_ELEMENT_NODE }.prefix(max(0, limits.maxItems)))
        }

        /// The nodes `compiled` selects at `node`, in document order; nil when it computes a value or fails.
        private func nodes(_ compiled: xmlXPathCompExprPtr, at node: xmlNodePtr) -> [xmlNodePtr]? {
            guard let object = run(compiled, at: node) else { return nil }
            defer { xmlXPathFreeObject(object) }
            guard object.pointee.type == XPATH_NODESET else { return nil }
            guard let set = object.pointee.nodesetval else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
        }

        /// `nodes` without those below another of them, in their order.
        static func outermost(_ nodes: [xmlNodePtr]) -> [xmlNodePtr] {
            let all = Set(nodes)
            return nodes.filter { node in
                var ancestor = node.pointee.parent
                while let current = ancestor {
                    if all.contains(current) { return false }
                    ancestor = current.pointee.parent
                }
                return true
            }
        }

        /// Evaluates at `node`; nil on an evaluation error, and `exhausted` once the operation budget is spent.
        private func run(_ compiled: xmlXPathCompExprPtr, at node: xmlNodePtr) -> xmlXPathObjectPtr? {
            guard !exhausted else { return nil }
            context.pointee.node = node
            let object = xmlXPathCompiledEval(compiled, context)
            if context.pointee.opCount >= context.pointee.opLimit { exhausted = true }
            return object
        }

        /// An element's text with markup stripped, an attribute's value, a text node's content.
        static func text(of node: xmlNodePtr) -> String? {
            let text: String
            switch node.pointee.type {
            case XML_ELEMENT_NODE: text = NodeTextWalker.text(ofChildrenOf: node, rules: .html)
            case XML_ATTRIBUTE_NODE: text = NodeTextWalker.text(ofChildrenOf: node, rules: .characterData)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text = node.pointee.content.map { String(cString: $0) } ?? ""
            default: return nil
            }
            return TextConstructs.nonEmpty(PlainTextBuilder.collapse(text))
        }
    }
}
