import CLibXML2

/// Builds libxml2 trees from bytes with veilleur's fixed options. Callers own the returned document
/// (`xmlFreeDoc`) and must call these inside `LibXMLErrorLog.capture`.
enum LibXMLReader {
    /// An XML tree and, when libxml2 gave up before the end of the input, where it stopped.
    struct XMLTree {
        var document: xmlDocPtr
        /// The 1-based line and column where reading stopped early; nil when the whole input was read.
        var stoppedAt: (line: Int, column: Int)?
        /// True when every byte was read and decoded, without a fatal error, and elements were still open:
        /// the input stops mid-document.
        var endedInsideElement = false
    }

    static func readXML(_ decoding: CharsetHint.XMLDecoding) -> XMLTree? {
        LibXMLOptions.initialized
        let bytes = decoding.bytes
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        let options = decoding.overridesDeclaration ? LibXMLOptions.xml | Int32(XML_PARSE_IGNORE_ENC.rawValue) : LibXMLOptions.xml
        // A context of our own, rather than xmlReadMemory's, outlives the parse so that where it ended can be read.
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withBuffer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, decoding.encoding, options)
            }
        }
        guard let document else { return nil }
        let stop = earlyStop(of: context.pointee)
        return XMLTree(document: document, stoppedAt: stop?.position, endedInsideElement: stop?.endedInsideElement ?? false)
    }

    static func readHTML(_ bytes: [UInt8], url: String?, encoding: String?) -> htmlDocPtr? {
        LibXMLOptions.initialized
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, LibXMLOptions.html)
            }
        }
    }

    /// Where a parse that did not read its whole input stopped, and whether it stopped only because the
    /// input ended with elements still open.
    typealias EarlyStop = (position: (line: Int, column: Int), endedInsideElement: Bool)

    /// In recover mode libxml2 returns a tree even when it stopped reading midway, and says so nowhere
    /// but in its context: it halted (`disableSAX` is only set while recovering when a limit such as
    /// the nesting depth stops the parse), it left decoded text unread (a NUL, content after the root
    /// element), it could not decode the rest of the bytes, or the input ended with elements still open
    /// (a body cut short in transit).
    static func earlyStop(of context: xmlParserCtxt) -> EarlyStop? {
        guard let input = context.input?.pointee else { return nil }
        let halted = context.disableSAX != 0
        var unread = false
        if let cur = input.cur, let end = input.end { unread = cur < end }
        var undecoded = false
        if let buffer = input.buf?.pointee {
            undecoded = buffer.error != 0 || (buffer.raw.map { xmlBufUse($0) > 0 } ?? false)
        }
        let unclosed = context.nameNr > 0
        guard halted || unread || undecoded || unclosed else { return nil }
        return ((max(1, Int(input.line)), max(1, Int(input.col))), unclosed && !halted && !unread && !undecoded)
    }
}
