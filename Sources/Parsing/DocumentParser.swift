import CLibXML2
import Model

/// The parser stage: raw bytes of a fetched document in, a feed or an HTML page out.
public enum DocumentParser {
    /// Parses a feed (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 1.0/0.3, JSON Feed 1.0/1.1) or an HTML page.
    ///
    /// Malformed documents are recovered as far as libxml2 can; only a document that yields
    /// nothing usable throws. A feed that could not be read to its end comes back with the items
    /// before that point and its `truncation` set.
    /// - Parameters:
    ///   - data: the raw bytes.
    ///   - url: the document's URL (base for relative links).
    ///   - contentType: the HTTP Content-Type (charset hint).
    ///   - contentLanguage: the HTTP Content-Language: the document's language when it declares none.
    public static func parse(
        _ data: [UInt8], url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil
    ) throws(ParseError) -> ParsedDocument {
        var parsed = try document(from: data, url: url, contentType: contentType)
        if parsed.language == nil { parsed.language = ContentLanguage.tag(fromHeader: contentLanguage) }
        return parsed
    }

    private static func document(from data: [UInt8], url: String?, contentType: String?) throws(ParseError) -> ParsedDocument {
        guard data.contains(where: { !isASCIISpace($0) }) else {
            throw ParseError(url: url, message: "empty document")
        }
        if FormatDetector.looksLikeJSON(data) {
            return try JSONFeedReader.parse(data, url: url)
        }
        if FormatDetector.looksLikeHTML(data) {
            if FormatDetector.mayHoldFeed(data), case .feed(let document) = parseFeed(data, url: url, contentType: contentType) {
                return document
            }
            return try parseHTML(data, url: url, contentType: contentType)
        }
        let outcome = parseFeed(data, url: url, contentType: contentType)
        switch outcome {
        case .feed(let document):
            return document
        case .notAFeed:
            return try parseHTML(data, url: url, contentType: contentType)
        case .failed(let error):
            throw error
        }
    }

    private enum FeedOutcome {
        case feed(ParsedDocument)
        case notAFeed
        case failed(ParseError)
    }

    private static func parseFeed(_ data: [UInt8], url: String?, contentType: String?) -> FeedOutcome {
        let decoding = ControlCharacterFilter.replacingForbiddenControls(
            in: CharsetHint.xmlDecoding(for: withoutLeadingWhitespace(data), contentType: contentType))
        let first = readFeed(decoding, url: url)
        // A malformed document loses its entity references after the first error: read it again with them rewritten.
        guard first.malformed, let rewritten = EntityReferenceRewriter.rewritten(decoding) else { return first.outcome }
        return readFeed(rewritten, url: url).outcome
    }

    /// One read of a feed by libxml2, and whether libxml2 reported the document malformed.
    private static func readFeed(_ decoding: CharsetHint.XMLDecoding, url: String?) -> (outcome: FeedOutcome, malformed: Bool) {
        LibXMLErrorLog.capture { log in
            let read = SAXFeedReader.read(decoding, url: url)
            guard read.isXML else {
                return (.failed(error(from: log, url: url, fallback: "not an XML document")), false)
            }
            let malformed = log.firstError != nil
            guard read.hasRoot else {
                return (.failed(error(from: log, url: url, fallback: "no root element")), malformed)
            }
            guard var document = read.document else { return (.notAFeed, malformed) }
            if let stop = read.stop {
                let reason = read.stopReason ?? (log.decodingError ?? log.stoppingError)?.message
                document.truncation = ParsedDocument.Truncation(
                    line: stop.position.line, column: stop.position.column, reason: reason ?? "the document stops before its end",
                    endsMidDocument: stop.endedInsideElement)
            }
            return (.feed(document), malformed)
        }
    }

    private static func parseHTML(_ data: [UInt8], url: String?, contentType: String?) throws(ParseError) -> ParsedDocument {
        let charset = CharsetHint.charset(fromContentType: contentType).flatMap { CharsetHint.isSupported($0) ? $0 : nil }
        let result: Result<ParsedDocument, ParseError> = LibXMLErrorLog.capture { log in
            guard let document = LibXMLReader.readHTML(data, url: url, encoding: charset) else {
                return .failure(error(from: log, url: url, fallback: "not an HTML document"))
            }
            defer { xmlFreeDoc(document) }
            guard let root = xmlDocGetRootElement(document) else {
                return .failure(error(from: log, url: url, fallback: "no root element"))
            }
            return .success(HTMLPageExtractor.extract(root: root, documentURL: url))
        }
        return try result.get()
    }

    private static func error(from log: LibXMLErrorLog, url: String?, fallback: String) -> ParseError {
        guard let first = log.firstError else { return ParseError(url: url, line: 1, column: 1, message: fallback) }
        return ParseError(url: url, line: first.line, column: first.column, message: first.message)
    }

    /// Drops whitespace before the first markup, which makes an XML declaration illegal; a UTF-8 BOM is kept.
    private static func withoutLeadingWhitespace(_ data: [UInt8]) -> ArraySlice<UInt8> {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = data.starts(with: bom) ? 3 : 0
        guard start < data.count, isASCIISpace(data[start]) else { return data[...] }
        let firstMarkup = data[start...].firstIndex { !isASCIISpace($0) } ?? data.count
        if start == 0 { return data[firstMarkup...] }
        return ArraySlice(bom + data[firstMarkup...])
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
