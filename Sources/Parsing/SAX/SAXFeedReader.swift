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
    }

    static func read(_ decoding: CharsetHint.XMLDecoding, url: String?) -> Outcome {
        LibXMLOptions.initialized
        let failed = Outcome(isXML: false, hasRoot: false)
        let bytes = decoding.bytes
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max), let context = xmlNewParserCtxt() else { return failed }
        defer { xmlFreeParserCtxt(context) }
        guard let handler = context.pointee.sax else { return failed }
        install(on: handler)
        let builder = SAXFeedBuilder(documentURL: url)
        context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        let options = decoding.overridesDeclaration ? LibXMLOptions.xml | Int32(XML_PARSE_IGNORE_ENC.rawValue) : LibXMLOptions.xml
        let dtdOnly = withExtendedLifetime(builder) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, decoding.encoding, options)
                }
            }
        }
        // The document libxml2 returns holds the DTD only (its entities were looked up while parsing).
        guard let dtdOnly else { return failed }
        xmlFreeDoc(dtdOnly)
        return Outcome(
            isXML: true, hasRoot: builder.root != nil, document: builder.document(),
            stop: LibXMLReader.earlyStop(of: context.pointee), stopReason: builder.stopReason)
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
            builder.startElement(parser, localName: localName, prefix: prefix, uri: uri, attributes: attributes, attributeCount: Int(attributeCount))
        }
        handler.pointee.endElementNs = { context, _, _, _ in
            guard let (parser, builder) = SAXFeedReader.builder(context) else { return }
            builder.endElement(parser)
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let (parser, builder) = SAXFeedReader.builder(context), let bytes, count > 0 else { return }
            builder.characters(parser, bytes, count: Int(count))
        }
        handler.pointee.characters = characters
        handler.pointee.ignorableWhitespace = characters
        handler.pointee.cdataBlock = characters
    }

    /// The parser context an event comes from (the document's, or an entity's that shares its `_private`)
    /// and the builder it feeds.
    private static func builder(_ context: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr, SAXFeedBuilder)? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let owner = parser.pointee._private else { return nil }
        return (parser, Unmanaged<SAXFeedBuilder>.fromOpaque(owner).takeUnretainedValue())
    }
}
