import CLibXML2
import Model

/// Builds `SAXElement`s from libxml2's SAX2 events. Once the root element says which feed format the
/// document is, each item or entry is mapped as soon as it closes and its subtree let go, so a large feed
/// never exists whole in memory; a feed wrapped in another document is built whole and looked for at the end.
///
/// libxml2 reports the content of an internal entity as ordinary events from an inner parser context that
/// shares this builder (through the context's `_private`), once per reference, and stops expanding at its
/// own amplification limits. One builder per parse, used on the parsing thread only.
final class SAXFeedBuilder {
    /// libxml2's own cap on one text node when a tree is built (`XML_MAX_TEXT_LENGTH`), kept for equal results.
    static let maxTextLength = 10_000_000

    /// How the items of a feed whose root was recognised are told apart and mapped.
    private enum Streaming {
        case rss
        case atom(NamespaceSet)
    }

    private let documentURL: String?
    private(set) var root: SAXElement?
    /// Why the builder stopped the parse, when it did.
    private(set) var stopReason: String?

    private var open: [(element: SAXElement, slot: Int?)] = []
    private var text: [UInt8] = []
    private var names: [UnsafeRawPointer: String] = [:]
    private var streaming: Streaming?
    private var format: ParsedDocument.Format?
    private var items: [FeedItem?] = []

    init(documentURL: String?) {
        self.documentURL = documentURL
    }

    // MARK: - Events

    func startElement(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int
    ) {
        guard !stopped(context) else { return }
        flushText()
        let parent = open.last?.element
        guard parent != nil || root == nil else { return }
        var elementAttributes: [SAXElement.Attribute] = []
        if let attributes, attributeCount > 0 {
            elementAttributes.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = index * 5
                guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let attributeURI = attributes[base + 2]
                let value = AttributeValue.decoded(UnsafeBufferPointer(start: start, count: end - start), document: context.pointee.myDoc)
                elementAttributes.append(SAXElement.Attribute(
                    localName: qualifiedName(context, localName: name, prefix: attributes[base + 1], uri: attributeURI),
                    namespaceURI: attributeURI.map { interned(context, $0) }, value: value))
            }
        }
        let element = SAXElement(
            localName: qualifiedName(context, localName: localName, prefix: prefix, uri: uri),
            namespaceURI: uri.map { interned(context, $0) }, attributes: elementAttributes, parent: parent, documentURL: documentURL)
        var slot: Int?
        if let parent {
            parent.append(element)
            if isItem(element) {
                slot = items.count
                items.append(nil)
            }
        } else {
            root = element
            startStreaming(at: element)
        }
        open.append((element, slot))
    }

    func endElement(_ context: xmlParserCtxtPtr) {
        guard !stopped(context), !open.isEmpty else { return }
        flushText()
        close()
    }

    func characters(_ context: xmlParserCtxtPtr, _ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !stopped(context), !open.isEmpty else { return }
        guard text.count + count <= Self.maxTextLength else {
            stopReason = "a text node is larger than \(Self.maxTextLength) bytes"
            xmlStopParser(context)
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Whether the builder stopped the parse; if so, stops `context` too, the document's or an entity's, so
    /// that an entity being expanded cannot go on feeding events.
    private func stopped(_ context: xmlParserCtxtPtr) -> Bool {
        guard stopReason != nil else { return false }
        xmlStopParser(context)
        return true
    }

    // MARK: - Result

    /// The feed read, or nil when the document holds none; items still open where the input ended are
    /// mapped with what they had, as they would be in a tree libxml2 recovered.
    func document() -> ParsedDocument? {
        flushText()
        while !open.isEmpty { close() }
        guard let root else { return nil }
        if let format, let streaming {
            let mapped = items.compactMap { $0 }
            switch streaming {
            case .rss: return RSSMapper.document(root: root, format: format, items: mapped)
            case .atom: return AtomMapper.document(root: root, entries: mapped)
            }
        }
        guard let (feed, format) = FeedRootFinder.find(from: root) else { return nil }
        switch format {
        case .rss, .rdf: return RSSMapper.document(root: feed, format: format)
        case .atom: return AtomMapper.document(root: feed)
        case .html, .jsonFeed, .listing, .sitemap: return nil
        }
    }

    // MARK: - Building

    private func startStreaming(at root: SAXElement) {
        format = FormatDetector.feedFormat(rootName: root.localName, namespaceURI: root.namespaceURI, isRoot: true)
        switch format {
        case .rss, .rdf: streaming = .rss
        case .atom: streaming = .atom(AtomMapper.namespaces(of: root))
        default: streaming = nil
        }
    }

    private func isItem(_ element: SAXElement) -> Bool {
        switch streaming {
        case .rss: element.isNamed("item", in: .rss)
        case .atom(let namespaces): element.isNamed("entry", in: namespaces)
        case nil: false
        }
    }

    /// Closes the innermost open element; an item is mapped and dropped from its parent, which it closes last.
    private func close() {
        guard let (element, slot) = open.popLast() else { return }
        guard let slot, let streaming else { return }
        switch streaming {
        case .rss: items[slot] = RSSMapper.item(element)
        case .atom(let namespaces): items[slot] = AtomMapper.entry(element, in: namespaces, feedAuthor: nil)
        }
        open.last?.element.removeLastChild(element)
    }

    private func flushText() {
        guard !text.isEmpty else { return }
        open.last?.element.append(text: String(decoding: text, as: UTF8.self))
        text.removeAll(keepingCapacity: true)
    }

    /// The name libxml2's tree would give: `prefix:local` in no namespace when the prefix was never declared.
    private func qualifiedName(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
    ) -> String {
        guard let prefix, uri == nil else { return interned(context, localName) }
        return interned(context, prefix) + ":" + interned(context, localName)
    }

    /// Names and namespace URIs come from the parser's dictionary, one pointer per distinct string, so each
    /// becomes a Swift string once.
    private func interned(_ context: xmlParserCtxtPtr, _ pointer: UnsafePointer<xmlChar>) -> String {
        guard let dictionary = context.pointee.dict, xmlDictOwns(dictionary, pointer) == 1 else { return String(cString: pointer) }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }
}
