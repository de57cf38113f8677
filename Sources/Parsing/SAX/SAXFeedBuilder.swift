import CLibXML2
import Model

/// Builds `SAXElement`s from libxml2's SAX2 events. Once the root element says which feed format the
/// document is, each item or entry is mapped as soon as it closes and its subtree let go, and handed out
/// as soon as the feed's title (and, for Atom, the author entries fall back to) can no longer change, so
/// a large feed never exists whole in memory; a feed wrapped in another document is built whole and
/// looked for at the end.
///
/// libxml2 reports the content of an internal entity as ordinary events from an inner parser context that
/// shares this builder (through the context's `_private`), once per reference, and stops expanding at its
/// own amplification limits. One builder per parse, used on the parsing thread only.
final class SAXFeedBuilder {
    /// libxml2's own cap on one text node when a tree is built (`XML_MAX_TEXT_LENGTH`), kept for equal results.
    static let maxTextLength = 10_000_000
    /// libxml2's nesting limit (`xmlParserMaxDepth`), which its push parser does not apply itself.
    static let maxDepth = 256

    /// Receives each item, in document order, with the title of its feed.
    typealias Delivery = (FeedItem, _ feedTitle: String?) -> Void

    /// How the items of a feed whose root was recognised are told apart and mapped.
    private enum Streaming {
        case rss
        case atom(NamespaceSet)
    }

    /// The feed's title, and the author Atom entries without their own take, as the finished document has them.
    private struct Header {
        var title: String?
        var author: String?
        /// False while an Atom feed's author may still come: entries without an author wait for it.
        var authorKnown: Bool
    }

    private let documentURL: String?
    private let deliver: Delivery
    /// Items an earlier read of the same document handed out already.
    private let skipped: Int
    /// When set, the read stops at the first error this log records and hands out nothing more.
    private let errorLog: LibXMLErrorLog?
    private(set) var root: SAXElement?
    /// Why the builder stopped the parse, when it did.
    private(set) var stopReason: String?
    /// Items handed out, those skipped included.
    private(set) var released = 0
    /// Whether the read was stopped at the first error `errorLog` recorded.
    private(set) var stoppedAtError = false

    private var open: [(element: SAXElement, slot: Int?, line: Int)] = []
    private var text: [UInt8] = []
    private var names: [UnsafeRawPointer: String] = [:]
    private var streaming: Streaming?
    private var format: ParsedDocument.Format?
    /// Mapped items by slot, from the first one not handed out yet.
    private var items: [FeedItem?] = []
    private var header: Header?

    init(documentURL: String?, skipping skipped: Int = 0, stoppingAtErrorIn errorLog: LibXMLErrorLog? = nil, deliver: @escaping Delivery) {
        self.documentURL = documentURL
        self.skipped = skipped
        self.errorLog = errorLog
        self.deliver = deliver
    }

    // MARK: - Events

    func startElement(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int
    ) {
        guard !stopped(context) else { return }
        guard open.count <= Self.maxDepth else {
            stopReason = "Excessive depth in document: \(Self.maxDepth) use XML_PARSE_HUGE option"
            xmlStopParser(context)
            return
        }
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
                slot = released + items.count
                items.append(nil)
            }
        } else {
            root = element
            startStreaming(at: element)
        }
        open.append((element, slot, Int(context.pointee.input?.pointee.line ?? 0)))
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
        if errorLog?.hasError == true { stoppedAtError = true }
        guard stopReason != nil || stoppedAtError else { return false }
        xmlStopParser(context)
        return true
    }

    // MARK: - Result

    /// Why the read ended early when the input stopped with elements open, in the words libxml2's pull parser
    /// used (its push parser only says "Extra content at the end of the document"); read before `document()`.
    var prematureEnd: String? {
        open.last.map { "Premature end of data in tag \($0.element.localName) line \($0.line)" }
    }

    /// The feed read, without its items, which have all been handed out; nil when the document holds none or
    /// the read stopped at an error. Items still open where the input ended are mapped with what they had,
    /// as they would be in a tree libxml2 recovered.
    func document() -> ParsedDocument? {
        if errorLog?.hasError == true { stoppedAtError = true }
        guard !stoppedAtError else { return nil }
        flushText()
        while !open.isEmpty { close() }
        guard let root else { return nil }
        if let format, let streaming {
            let document: ParsedDocument
            switch streaming {
            case .rss:
                document = RSSMapper.document(root: root, format: format, items: [])
                header = Header(title: document.title, author: nil, authorKnown: true)
            case .atom(let namespaces):
                document = AtomMapper.document(root: root, entries: [])
                header = Header(title: document.title, author: AtomMapper.feedAuthor(root, in: namespaces), authorKnown: true)
            }
            release()
            return document
        }
        guard let (feed, format) = FeedRootFinder.find(from: root) else { return nil }
        var document: ParsedDocument
        switch format {
        case .rss, .rdf: document = RSSMapper.document(root: feed, format: format)
        case .atom: document = AtomMapper.document(root: feed)
        case .html, .jsonFeed, .listing, .sitemap: return nil
        }
        for (index, item) in document.items.enumerated() where index >= skipped { deliver(item, document.title) }
        document.items = []
        return document
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
        guard let (element, slot, _) = open.popLast() else { return }
        guard let streaming else { return }
        guard let slot else {
            // The feed's title or author may just have closed.
            if open.count <= 2, !items.isEmpty { release() }
            return
        }
        switch streaming {
        case .rss: items[slot - released] = RSSMapper.item(element)
        case .atom(let namespaces): items[slot - released] = AtomMapper.entry(element, in: namespaces, feedAuthor: nil)
        }
        open.last?.element.removeLastChild(element)
        release()
    }

    /// Hands out the mapped items at the front, in document order, while the header they need is known.
    private func release() {
        var count = 0
        while count < items.count, var item = items[count] {
            guard let header = settledHeader(), item.author != nil || header.authorKnown else { break }
            if item.author == nil { item.author = header.author }
            if released >= skipped { deliver(item, header.title) }
            released += 1
            count += 1
        }
        if count > 0 { items.removeFirst(count) }
    }

    /// The header once nothing later in the input can change it: the RSS channel's title has closed (or the
    /// channel, when it has none), the Atom feed's title has closed, its author too for `authorKnown`.
    private func settledHeader() -> Header? {
        if let header, header.authorKnown { return header }
        guard let root, let streaming else { return nil }
        switch streaming {
        case .rss:
            guard let channel = root.child("channel", in: .rss) else { return nil }
            if let title = channel.child("title", in: .rss) {
                guard !isOpen(title) else { return nil }
                header = Header(title: TextConstructs.html(title), author: nil, authorKnown: true)
            } else {
                guard !isOpen(channel) else { return nil }
                header = Header(title: channel.child("title", in: .dublinCore).flatMap(TextConstructs.html), author: nil, authorKnown: true)
            }
        case .atom(let namespaces):
            if header == nil {
                guard let title = root.child("title", in: namespaces), !isOpen(title) else { return nil }
                header = Header(title: TextConstructs.atom(title), author: nil, authorKnown: false)
            }
            if let author = root.child("author", in: namespaces), !isOpen(author) {
                header?.author = AtomMapper.personName(author, in: namespaces)
                header?.authorKnown = true
            }
        }
        return header
    }

    private func isOpen(_ element: SAXElement) -> Bool {
        open.contains { $0.element === element }
    }

    private func flushText() {
        guard !text.isEmpty else { return }
        // Copied from a pointer, to its own size: `Array(text)` would share the reused buffer and its capacity.
        open.last?.element.append(text: text.withUnsafeBufferPointer { Array($0) })
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
