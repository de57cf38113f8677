import CLibXML2
import Model

/// Reads a feed with libxml2's SAX2 interface in recover mode, with veilleur's fixed options (no network,
/// no entity substitution, no DTD loading): events go to a `SAXFeedBuilder` instead of a libxml2 tree.
/// Callers must call `read` inside `LibXMLErrorLog.capture`.
enum SAXFeedReader {
    /// What one read produced.
    struct Outcome {
        /// Whether libxml2 accepted the input as XML at all (it returns no document for an empty one).
        var isXML: Bool
        /// Whether the document had a root element.
        var hasRoot: Bool
        /// The feed, or nil when the document holds none.
        var document: ParsedDocument?
        /// Where reading ended before the end of the input, when it did.
        var stop: LibXMLReader.EarlyStop?
        /// Why, when the builder stopped the read itself (libxml2's own reasons are in its error log).
        var stopReason: String?
        /// When the input stopped with elements open, which: "Premature end of data in tag…".
        var prematureEnd: String?
        /// Items handed out by this read and the reads before it.
        var released = 0
    }

    /// Bytes handed to libxml2's push parser at a time: its buffer holds about this much rather than a copy
    /// of the whole document, and CDATA sections are checked and passed on in blocks instead of one
    /// character at a time as the pull parser reads them.
    static let chunkSize = 256 * 1024

    /// Documents from this size on have their items mapped on a thread of their own when the caller asks for
    /// it: a smaller one is read before that thread would have started.
    static let concurrentMappingThreshold = 1 << 20

    /// Reads `decoding`, handing each item to `deliver` but the first `skipped`; with `errorLog`, stops at the
    /// first error it records, and the outcome then holds no document. A document of `concurrentMappingFrom`
    /// bytes or more has its items mapped on a thread of their own while libxml2 reads on.
    static func read(
        _ decoding: CharsetHint.XMLDecoding, url: String?, skipping skipped: Int = 0, stoppingAtErrorIn errorLog: LibXMLErrorLog? = nil,
        concurrentMappingFrom threshold: Int = .max, deliver: @escaping SAXFeedBuilder.Delivery
    ) -> Outcome {
        LibXMLOptions.initialized
        let failed = Outcome(isXML: false, hasRoot: false)
        let bytes = decoding.bytes
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max), let context = xmlNewParserCtxt() else { return failed }
        defer {
            // The document libxml2 builds holds the DTD only (its entities were looked up while parsing).
            if let dtdOnly = context.pointee.myDoc { xmlFreeDoc(dtdOnly) }
            context.pointee.myDoc = nil
            xmlFreeParserCtxt(context)
        }
        guard let handler = context.pointee.sax else { return failed }
        install(on: handler)
        var builder = SAXFeedBuilder(
            documentURL: url, skipping: skipped, stoppingAtErrorIn: errorLog,
            mapsConcurrently: bytes.count >= threshold, deliver: deliver)
        let options = decoding.overridesDeclaration ? LibXMLOptions.xml | Int32(XML_PARSE_IGNORE_ENC.rawValue) : LibXMLOptions.xml
        var runningAtEnd = false
        withUnsafeMutablePointer(to: &builder) { builderPointer in
            bytes.withBuffer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let base = chars.baseAddress else { return }
                    // The first bytes go with the reset, which looks at them for a byte-order mark or a UTF-16 `<`.
                    let head = min(4, chars.count)
                    guard xmlCtxtResetPush(context, base, Int32(head), nil, decoding.encoding) == 0 else { return }
                    xmlCtxtUseOptions(context, options)
                    context.pointee._private = UnsafeMutableRawPointer(builderPointer)
                    var offset = head
                    while offset < chars.count, context.pointee.instate != XML_PARSER_EOF {
                        let count = min(chunkSize, chars.count - offset)
                        veilleur_parse_chunk(context, base + offset, Int32(count), 0)
                        offset += count
                    }
                    runningAtEnd = context.pointee.instate != XML_PARSER_EOF
                    veilleur_parse_chunk(context, nil, 0, 1)
                    // The builder's address is good only inside this call.
                    context.pointee._private = nil
                }
            }
        }
        // Items mapped on a thread of their own are all handed out before the read returns, whatever its outcome.
        builder.finishMapping()
        guard context.pointee.myDoc != nil else { return failed }
        var stop = LibXMLReader.earlyStop(of: context.pointee)
        // Elements still open when the whole input had been read without a halt: the input stops mid-document,
        // whatever the push parser made of its last bytes while finishing (a start tag cut short, a lone `<`).
        let cutShort = runningAtEnd && builder.prematureEnd != nil
        if cutShort {
            let input = context.pointee.input?.pointee
            stop = (stop?.position ?? (max(1, Int(input?.line ?? 1)), max(1, Int(input?.col ?? 1))), true)
        }
        let prematureEnd = stop?.endedInsideElement == true ? builder.prematureEnd : nil
        let document = builder.document()
        return Outcome(
            isXML: true, hasRoot: builder.hasRoot, document: document, stop: stop, stopReason: builder.stopReason,
            prematureEnd: prematureEnd, released: builder.released)
    }

    /// Replaces the tree-building callbacks of libxml2's default SAX2 handler with the builder's; the
    /// document and DTD callbacks stay, so that internal entities are declared and found as usual.
    private static func install(on handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.startElement = nil
        handler.pointee.endElement = nil
        handler.pointee.reference = nil
        handler.pointee.comment = nil
        handler.pointee.processingInstruction = nil
        handler.pointee.startElementNs = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
            guard let (parser, builder) = SAXFeedReader.builder(context), let localName else { return }
            builder.pointee.startElement(parser, localName: localName, prefix: prefix, uri: uri, attributes: attributes, attributeCount: Int(attributeCount))
        }
        handler.pointee.endElementNs = { context, _, _, _ in
            guard let (parser, builder) = SAXFeedReader.builder(context) else { return }
            builder.pointee.endElement(parser)
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let (parser, builder) = SAXFeedReader.builder(context), let bytes, count > 0 else { return }
            builder.pointee.characters(parser, bytes, count: Int(count))
        }
        handler.pointee.characters = characters
        handler.pointee.ignorableWhitespace = characters
        handler.pointee.cdataBlock = characters
    }

    /// The parser context an event comes from (the document's, or an entity's that shares its `_private`)
    /// and the builder it feeds.
    private static func builder(_ context: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr, UnsafeMutablePointer<SAXFeedBuilder>)? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let owner = parser.pointee._private else { return nil }
        return (parser, owner.assumingMemoryBound(to: SAXFeedBuilder.self))
    }
}
