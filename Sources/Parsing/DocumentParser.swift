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
        var items: [FeedItem] = []
        let result = withoutActuallyEscaping({ (item: FeedItem, _: String?) in items.append(item) }) { deliver in
            data.withUnsafeBufferPointer { buffer in
                Result { () throws(ParseError) in
                    // Gathered items can be dropped: a document read again is taken whole from the second read.
                    try document(from: Input(bytes: buffer, array: data), url: url, contentType: contentType,
                                 sink: ItemSink(deliver: deliver, restart: { items = [] }))
                }
            }
        }
        var parsed = try result.get()
        if parsed.language == nil { parsed.language = ContentLanguage.tag(fromHeader: contentLanguage) }
        parsed.items = items
        return parsed
    }

    /// Parses as `parse(_:url:contentType:contentLanguage:)` does, but hands each item to `body`, in document
    /// order and with the title of its feed, as soon as it is read for good, rather than gather them: the items
    /// of a large feed then need not all be in memory at once. The document comes back without its items.
    ///
    /// With `mapsItemsConcurrently`, the items of a large feed are mapped (text extracted, dates parsed) and
    /// handed to `body` on a thread of their own while libxml2 reads on: for a person waiting on one parse. `body`
    /// is then called from that thread, still one call at a time, in document order, and never after this
    /// returns. A crawler reading many feeds at once keeps its cores busy without it.
    public static func parse(
        _ data: [UInt8], url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil,
        mapsItemsConcurrently: Bool = false, eachItem body: (FeedItem, _ feedTitle: String?) -> Void
    ) throws(ParseError) -> ParsedDocument {
        try parse(data, url: url, contentType: contentType, contentLanguage: contentLanguage,
                  concurrentMappingFrom: concurrentMappingSize(mapsItemsConcurrently), eachItem: body)
    }

    /// Parses as `parse(_:url:contentType:contentLanguage:eachItem:)` does, reading `data` where it lies (a
    /// mapped file) rather than a copy of it: a feed's bytes are not copied unless they must be rewritten
    /// (another encoding, forbidden controls, a malformed document read again).
    public static func parse(
        _ data: UnsafeRawBufferPointer, url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil,
        mapsItemsConcurrently: Bool = false, eachItem body: (FeedItem, _ feedTitle: String?) -> Void
    ) throws(ParseError) -> ParsedDocument {
        try parse(Input(bytes: data.assumingMemoryBound(to: UInt8.self), array: nil), url: url, contentType: contentType,
                  contentLanguage: contentLanguage, concurrentMappingFrom: concurrentMappingSize(mapsItemsConcurrently), eachItem: body)
    }

    /// Parses as `parse(_:url:contentType:contentLanguage:mapsItemsConcurrently:eachItem:)` does, mapping the
    /// items on a thread of their own from `concurrentMappingFrom` bytes on: for the fuzzer and tests, whose
    /// documents are small.
    package static func parse(
        _ data: [UInt8], url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil,
        concurrentMappingFrom threshold: Int, eachItem body: (FeedItem, _ feedTitle: String?) -> Void
    ) throws(ParseError) -> ParsedDocument {
        let result = data.withUnsafeBufferPointer { buffer in
            Result { () throws(ParseError) in
                try parse(Input(bytes: buffer, array: data), url: url, contentType: contentType, contentLanguage: contentLanguage,
                          concurrentMappingFrom: threshold, eachItem: body)
            }
        }
        return try result.get()
    }

    /// The size from which items are mapped on a thread of their own, when a caller asks for it or not.
    private static func concurrentMappingSize(_ asked: Bool) -> Int {
        asked ? SAXFeedReader.concurrentMappingThreshold : .max
    }

    private static func parse(
        _ input: Input, url: String?, contentType: String?, contentLanguage: String?, concurrentMappingFrom threshold: Int,
        eachItem body: (FeedItem, _ feedTitle: String?) -> Void
    ) throws(ParseError) -> ParsedDocument {
        let result = withoutActuallyEscaping(body) { deliver in
            Result { () throws(ParseError) in
                try document(from: input, url: url, contentType: contentType,
                             sink: ItemSink(deliver: deliver, restart: nil, concurrentMappingFrom: threshold))
            }
        }
        var parsed = try result.get()
        if parsed.language == nil { parsed.language = ContentLanguage.tag(fromHeader: contentLanguage) }
        return parsed
    }

    /// A document's bytes, and the array that holds them when the caller gave one: the readers of JSON and
    /// HTML take an array, which is then not copied.
    private struct Input {
        let bytes: UnsafeBufferPointer<UInt8>
        let array: [UInt8]?

        var asArray: [UInt8] { array ?? Array(bytes) }
    }

    /// Where items go, and how a second read of a malformed feed treats those the first one handed out.
    private struct ItemSink {
        let deliver: SAXFeedBuilder.Delivery
        /// Drops the items handed out so far, which the second read then hands out again; when nil, they
        /// stay out and the second read skips as many.
        let restart: (() -> Void)?
        /// The size from which a feed's items are mapped on a thread of their own (never by default).
        var concurrentMappingFrom = Int.max
    }

    private static func document(from input: Input, url: String?, contentType: String?, sink: ItemSink) throws(ParseError) -> ParsedDocument {
        let deliver = sink.deliver
        let data = input.bytes
        guard data.contains(where: { !isASCIISpace($0) }) else {
            throw ParseError(url: url, message: "empty document")
        }
        if FormatDetector.looksLikeJSON(data) {
            return handingOut(try JSONFeedReader.parse(input.asArray, url: url), to: deliver)
        }
        if FormatDetector.looksLikeHTML(data) {
            if FormatDetector.mayHoldFeed(data), case .feed(let document) = parseFeed(data, url: url, contentType: contentType, sink: sink) {
                return document
            }
            return handingOut(try parseHTML(input.asArray, url: url, contentType: contentType), to: deliver)
        }
        let outcome = parseFeed(data, url: url, contentType: contentType, sink: sink)
        switch outcome {
        case .feed(let document):
            return document
        case .notAFeed:
            return handingOut(try parseHTML(input.asArray, url: url, contentType: contentType), to: deliver)
        case .failed(let error):
            throw error
        }
    }

    /// `document` without its items, each handed to `deliver`.
    private static func handingOut(_ document: ParsedDocument, to deliver: SAXFeedBuilder.Delivery) -> ParsedDocument {
        var document = document
        for item in document.items { deliver(item, document.title) }
        document.items = []
        return document
    }

    private enum FeedOutcome {
        case feed(ParsedDocument)
        case notAFeed
        case failed(ParseError)
    }

    private static func parseFeed(_ data: UnsafeBufferPointer<UInt8>, url: String?, contentType: String?, sink: ItemSink) -> FeedOutcome {
        var decoding = ControlCharacterFilter.replacingForbiddenControls(
            in: CharsetHint.xmlDecoding(for: withoutLeadingWhitespace(data), contentType: contentType))
        let first = readFeed(decoding, url: url, stoppingAtError: true, skipping: 0, sink: sink)
        guard first.malformed else { return first.outcome }
        // A long document checked for UTF-8 only at its start may have stopped at a byte libxml2 could not
        // decode: the second read takes its stray bytes as windows-1252, which leaves the bytes before the
        // first of them, and so the items handed out already, as they were.
        if let mended = decoding.mended() { decoding = mended }
        // A malformed document loses its entity references after the first error: read it again with them
        // rewritten (or as it is, when there is nothing to rewrite). The first read stopped at that error; the
        // items it handed out, all before it, come out the same from the second, which skips them unless
        // the sink can take them back.
        var skipped = first.released
        if let restart = sink.restart {
            restart()
            skipped = 0
        }
        return readFeed(EntityReferenceRewriter.rewritten(decoding) ?? decoding, url: url, stoppingAtError: false,
                        skipping: skipped, sink: sink).outcome
    }

    /// One read of a feed by libxml2, whether libxml2 reported the document malformed, and how many items
    /// have been handed out.
    private static func readFeed(
        _ decoding: CharsetHint.XMLDecoding, url: String?, stoppingAtError: Bool, skipping: Int, sink: ItemSink
    ) -> (outcome: FeedOutcome, malformed: Bool, released: Int) {
        LibXMLErrorLog.capture { log in
            let read = SAXFeedReader.read(
                decoding, url: url, skipping: skipping, stoppingAtErrorIn: stoppingAtError ? log : nil, concurrentMappingFrom: sink.concurrentMappingFrom,
                deliver: sink.deliver)
            guard read.isXML else {
                return (.failed(error(from: log, url: url, fallback: "not an XML document")), false, read.released)
            }
            let malformed = log.firstError != nil
            guard read.hasRoot else {
                return (.failed(error(from: log, url: url, fallback: "no root element")), malformed, read.released)
            }
            guard var document = read.document else { return (.notAFeed, malformed, read.released) }
            if let stop = read.stop {
                // Bytes that could not be decoded stop the read where they are, open elements or not.
                let cutShort = stop.endedInsideElement && log.decodingError == nil
                let reason = read.stopReason ?? (cutShort ? read.prematureEnd : nil) ?? (log.decodingError ?? log.stoppingError)?.message
                document.truncation = ParsedDocument.Truncation(
                    line: stop.position.line, column: stop.position.column, reason: reason ?? "the document stops before its end",
                    endsMidDocument: cutShort)
            }
            return (.feed(document), malformed, read.released)
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
    private static func withoutLeadingWhitespace(_ data: UnsafeBufferPointer<UInt8>) -> DocumentBytes {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = data.starts(with: bom) ? 3 : 0
        guard start < data.count, isASCIISpace(data[start]) else { return .borrowed(data) }
        let firstMarkup = data[start...].firstIndex { !isASCIISpace($0) } ?? data.count
        if start == 0 { return .borrowed(UnsafeBufferPointer(rebasing: data[firstMarkup...])) }
        return .owned(ArraySlice(bom + data[firstMarkup...]))
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
