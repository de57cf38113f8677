import CLibXML2
import Model

/// Builds a `SAXTree` from libxml2's SAX2 events. Once the root element says which feed format the
/// document is, each item or entry is mapped as soon as it closes and its subtree let go, and handed out
/// as soon as the feed's title (and, for Atom, the author entries fall back to) can no longer change, so
/// a large feed never exists whole in memory; a feed wrapped in another document is built whole and
/// looked for at the end.
///
/// libxml2 reports the content of an internal entity as ordinary events from an inner parser context that
/// shares this builder (through the context's `_private`), once per reference, and stops expanding at its
/// own amplification limits. One builder per parse, used on the parsing thread only.
///
/// A structure the reader hands libxml2 a pointer to: every event then reaches its state without counting
/// a reference or checking exclusive access to each property it touches, which the class it was cost.
struct SAXFeedBuilder {
    /// libxml2's own cap on one text node when a tree is built (`XML_MAX_TEXT_LENGTH`), kept for equal results.
    static let maxTextLength = 10_000_000
    /// libxml2's nesting limit (`xmlParserMaxDepth`), which its push parser does not apply itself.
    static let maxDepth = 256

    /// Receives each item, in document order, with the title of its feed.
    typealias Delivery = (FeedItem, _ feedTitle: String?) -> Void

    /// How the items of a feed whose root was recognised are told apart and mapped.
    private enum Streaming: Sendable {
        case rss
        case atom(NamespaceSet)
    }

    private typealias Header = ItemRelease.Header

    private let documentURL: String?
    private let deliver: Delivery
    /// Items an earlier read of the same document handed out already.
    private var skipped: Int { itemRelease.skipped }
    /// When set, the read stops at the first error this log records and hands out nothing more.
    private let errorLog: LibXMLErrorLog?
    /// Whether items are to be mapped on a thread of their own, once the root says how.
    private let mapsConcurrently: Bool
    /// Where items are mapped and handed out, when not as they close.
    private var mapping: ItemMappingQueue?
    /// The header last handed to `mapping`.
    private var headerHandedOver: Header?
    /// Whether the document's root element has started.
    var hasRoot: Bool { !tree.isEmpty }
    /// Why the builder stopped the parse, when it did.
    private(set) var stopReason: String?
    /// Items handed out, those skipped included; with `mapping`, known once `document()` has returned.
    private(set) var released = 0
    /// Whether the read was stopped at the first error `errorLog` recorded.
    private(set) var stoppedAtError = false

    private var tree: SAXTree
    private var open: [(element: Int32, slot: Int?, line: Int, mark: SAXTree.Mark)] = []
    /// Where in the tree's text the character data not yet made a piece starts.
    private var textStart = 0
    private var names = SAXNameTable()
    private var streaming: Streaming?
    private var format: ParsedDocument.Format?
    /// Items started so far, the slot of the next one.
    private var itemsStarted = 0
    /// Items mapped here and not handed out yet.
    private var itemRelease: ItemRelease
    /// The header as far as it is settled.
    private var header: Header?

    init(
        documentURL: String?, skipping skipped: Int = 0, stoppingAtErrorIn errorLog: LibXMLErrorLog? = nil, mapsConcurrently: Bool = false,
        deliver: @escaping Delivery
    ) {
        self.documentURL = documentURL
        self.tree = SAXTree(documentURL: documentURL)
        self.itemRelease = ItemRelease(skipping: skipped)
        self.errorLog = errorLog
        self.mapsConcurrently = mapsConcurrently
        self.deliver = deliver
    }

    // MARK: - Events

    mutating func startElement(
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
        let parent = open.last?.element ?? SAXTree.none
        guard parent != SAXTree.none || tree.isEmpty else { return }
        let attributeStart = tree.attributes.count
        if let attributes, attributeCount > 0 {
            for index in 0..<attributeCount {
                let base = index * 5
                guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let attributeURI = attributes[base + 2]
                let value = AttributeValue.decoded(UnsafeBufferPointer(start: start, count: end - start), document: context.pointee.myDoc)
                // Each name is interned, which may add to the tree's strings, before the tree is read or changed.
                let attributeName = qualifiedName(context, localName: name, prefix: attributes[base + 1], uri: attributeURI)
                let namespace = attributeURI.map { interned(context, $0) }
                tree.appendAttribute(SAXTree.Attribute(
                    localName: string(attributeName), namespaceURI: namespace.map(string), value: value))
            }
        }
        let name = qualifiedName(context, localName: localName, prefix: prefix, uri: uri)
        let namespace = uri.map { interned(context, $0) } ?? SAXTree.none
        let (element, mark) = tree.addElement(name: name, namespace: namespace, parent: parent, attributesFrom: attributeStart)
        var slot: Int?
        if parent != SAXTree.none {
            if isItem(element) {
                slot = itemsStarted
                itemsStarted += 1
            }
        } else {
            startStreaming()
        }
        open.append((element, slot, Int(context.pointee.input?.pointee.line ?? 0), mark))
        textStart = tree.text.count
    }

    mutating func endElement(_ context: xmlParserCtxtPtr) {
        guard !stopped(context), !open.isEmpty else { return }
        flushText()
        close()
    }

    mutating func characters(_ context: xmlParserCtxtPtr, _ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !stopped(context), !open.isEmpty else { return }
        guard tree.text.count - textStart + count <= Self.maxTextLength else {
            stopReason = "a text node is larger than \(Self.maxTextLength) bytes"
            xmlStopParser(context)
            return
        }
        tree.appendText(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Whether the builder stopped the parse; if so, stops `context` too, the document's or an entity's, so
    /// that an entity being expanded cannot go on feeding events.
    mutating private func stopped(_ context: xmlParserCtxtPtr) -> Bool {
        if errorLog?.hasError == true { stoppedAtError = true }
        guard stopReason != nil || stoppedAtError else { return false }
        xmlStopParser(context)
        return true
    }

    // MARK: - Result

    /// Why the read ended early when the input stopped with elements open, in the words libxml2's pull parser
    /// used (its push parser only says "Extra content at the end of the document"); read before `document()`.
    var prematureEnd: String? {
        open.last.map { "Premature end of data in tag \(string(tree.nodes[Int($0.element)].name)) line \($0.line)" }
    }

    /// The feed read, without its items, which have all been handed out; nil when the document holds none or
    /// the read stopped at an error. Items still open where the input ended are mapped with what they had,
    /// as they would be in a tree libxml2 recovered.
    mutating func document() -> ParsedDocument? {
        if errorLog?.hasError == true { stoppedAtError = true }
        // Items closed before a stop are handed out as they would have been had they been mapped as they closed.
        finishMapping()
        guard !stoppedAtError else { return nil }
        flushText()
        while !open.isEmpty { close() }
        finishMapping()
        guard hasRoot else { return nil }
        if let format, let streaming {
            let (document, author): (ParsedDocument, String?) = reading { root in
                switch streaming {
                case .rss: (RSSMapper.document(root: root, format: format, items: []), nil)
                case .atom(let namespaces): (AtomMapper.document(root: root, entries: []), AtomMapper.feedAuthor(root, in: namespaces))
                }
            }
            header = Header(title: document.title, author: author, authorKnown: true)
            release()
            finishMapping()
            return document
        }
        let found: ParsedDocument?? = reading { root in
            guard let (feed, format) = FeedRootFinder.find(from: root) else { return nil }
            switch format {
            case .rss, .rdf: return RSSMapper.document(root: feed, format: format)
            case .atom: return AtomMapper.document(root: feed)
            case .html, .jsonFeed, .listing, .sitemap: return .some(nil)
            }
        }
        guard let found, var document = found else { return nil }
        for (index, item) in document.items.enumerated() where index >= skipped { deliver(item, document.title) }
        document.items = []
        return document
    }

    // MARK: - Building

    /// The mappers' view of the tree, the root element, for the length of `body`; the tree must not change
    /// meanwhile, and no element may outlive the call.
    private func reading<Result>(_ body: (SAXElement) -> Result) -> Result {
        withUnsafePointer(to: tree) { body(SAXElement(tree: $0, index: 0)) }
    }

    mutating private func startStreaming() {
        let (rootName, namespace) = reading { ($0.localName, $0.namespaceURI) }
        format = FormatDetector.feedFormat(rootName: rootName, namespaceURI: namespace, isRoot: true)
        switch format {
        case .rss, .rdf: streaming = .rss
        case .atom: streaming = .atom(reading { AtomMapper.namespaces(of: $0) })
        default: streaming = nil
        }
        if mapsConcurrently, let streaming {
            mapping = ItemMappingQueue(skipping: skipped, mapper: { Self.item($0, streaming) }, deliver: deliver)
        }
    }

    private func isItem(_ element: Int32) -> Bool {
        switch streaming {
        case .rss: tree.isNamed(element, .item, in: .rss)
        case .atom(let namespaces): tree.isNamed(element, .entry, in: namespaces)
        case nil: false
        }
    }

    /// Closes the innermost open element; an item is mapped and dropped from its parent, which it closes last.
    mutating private func close() {
        guard let (element, slot, _, mark) = open.popLast() else { return }
        textStart = tree.text.count
        guard let streaming else { return }
        guard let slot else {
            // The feed's title or author may just have closed.
            if open.count <= 2 { release() }
            return
        }
        if let mapping {
            mapping.map(tree.detached(at: mark), slot: slot)
        } else {
            itemRelease.place(reading { root in Self.item(SAXElement(tree: root.tree, index: element), streaming) }, slot: slot)
        }
        tree.remove(element, from: open.last?.element ?? SAXTree.none, mark: mark)
        textStart = tree.text.count
        release()
    }

    private static func item(_ element: SAXElement, _ streaming: Streaming) -> FeedItem {
        switch streaming {
        case .rss: RSSMapper.item(element)
        case .atom(let namespaces): AtomMapper.entry(element, in: namespaces, feedAuthor: nil)
        }
    }

    /// Waits for every item handed over to be mapped and those the header allows handed out.
    mutating func finishMapping() {
        guard let mapping else { return }
        released = mapping.finish()
    }

    /// Hands out the mapped items at the front, in document order, while the header they need is known; with
    /// `mapping`, hands it the header as it settles, and it hands out the items.
    mutating private func release() {
        if let mapping {
            guard itemsStarted > 0, headerHandedOver?.authorKnown != true, let header = settledHeader(), header != headerHandedOver else { return }
            headerHandedOver = header
            mapping.settle(header)
            return
        }
        guard itemRelease.isWaiting else { return }
        itemRelease.header = settledHeader()
        itemRelease.release(to: deliver)
        released = itemRelease.released
    }

    /// The header once nothing later in the input can change it: the RSS channel's title has closed (or the
    /// channel, when it has none), the Atom feed's title has closed, its author too for `authorKnown`.
    mutating private func settledHeader() -> Header? {
        if let header, header.authorKnown { return header }
        guard hasRoot, let streaming else { return nil }
        let current = header
        header = reading { root in settledHeader(root: root, streaming, current: current) }
        return header
    }

    /// `current` with what the tree now settles of it.
    private func settledHeader(root: SAXElement, _ streaming: Streaming, current: Header?) -> Header? {
        var header = current
        switch streaming {
        case .rss:
            guard let channel = root.child(.channel, in: .rss) else { return nil }
            if let title = channel.child(.title, in: .rss) {
                guard !isOpen(title) else { return nil }
                header = Header(title: TextConstructs.html(title), author: nil, authorKnown: true)
            } else {
                guard !isOpen(channel) else { return nil }
                header = Header(title: channel.child(.title, in: .dublinCore).flatMap(TextConstructs.html), author: nil, authorKnown: true)
            }
        case .atom(let namespaces):
            if header == nil {
                guard let title = root.child(.title, in: namespaces), !isOpen(title) else { return nil }
                header = Header(title: TextConstructs.atom(title), author: nil, authorKnown: false)
            }
            if let author = root.child(.author, in: namespaces), !isOpen(author) {
                header?.author = AtomMapper.personName(author, in: namespaces)
                header?.authorKnown = true
            }
        }
        return header
    }

    private func isOpen(_ element: SAXElement) -> Bool {
        open.contains { $0.element == element.index }
    }

    mutating private func flushText() {
        guard let element = open.last?.element else { return }
        tree.closeText(from: textStart, in: element)
        textStart = tree.text.count
    }

    /// The name libxml2's tree would give: `prefix:local` in no namespace when the prefix was never declared.
    mutating private func qualifiedName(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?
    ) -> Int32 {
        guard let prefix, uri == nil else { return interned(context, localName) }
        let prefixIndex = interned(context, prefix)
        let localIndex = interned(context, localName)
        let name = string(prefixIndex) + ":" + string(localIndex)
        return interned(name)
    }

    /// Names and namespace URIs come from the parser's dictionary, one pointer per distinct string, so each
    /// becomes a Swift string once.
    mutating private func interned(_ context: xmlParserCtxtPtr, _ pointer: UnsafePointer<xmlChar>) -> Int32 {
        guard let dictionary = context.pointee.dict, xmlDictOwns(dictionary, pointer) == 1 else { return interned(String(cString: pointer)) }
        if let known = names.index(of: UnsafeRawPointer(pointer)) { return known }
        let index = tree.intern(String(cString: pointer))
        names.insert(UnsafeRawPointer(pointer), index: index)
        return index
    }

    /// A name that is not in the parser's dictionary, stored once however often it comes.
    mutating private func interned(_ name: String) -> Int32 {
        if let known = names.index(of: name) { return known }
        let index = tree.intern(name)
        names.insert(name, index: index)
        return index
    }

    private func string(_ index: Int32) -> String {
        tree.strings[Int(index)]
    }
}
