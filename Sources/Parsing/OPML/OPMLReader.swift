import CLibXML2
import Model

/// Reads the subscriptions of an OPML file (1.0 or 2.0), as Feedly, Inoreader, Miniflux, FreshRSS and
/// most readers export them.
///
/// An outline with an `xmlUrl` is a subscription, whatever its `type` (FreshRSS and others leave it out);
/// any other outline is a folder whose `title` (else `text`) its descendants inherit. The file is parsed
/// with veilleur's fixed libxml2 options: no network, no entity substitution, no DTD loading.
public enum OPMLReader {
    /// The subscriptions of `bytes`, in document order.
    /// - Throws: ``ParseError`` when the file is too large, not XML, not OPML, or holds more outlines
    ///   than `limits` allow.
    public static func subscriptions(in bytes: [UInt8], limits: OPMLLimits = OPMLLimits()) throws(ParseError) -> [Subscription] {
        guard bytes.count <= limits.maxBytes else {
            throw ParseError(message: "the file holds \(bytes.count) bytes, more than the \(limits.maxBytes) an OPML file may hold")
        }
        guard bytes.contains(where: { $0 > 0x20 }) else { throw ParseError(message: "empty document") }
        let decoding = ControlCharacterFilter.replacingForbiddenControls(in: CharsetHint.xmlDecoding(for: .owned(bytes[...]), contentType: nil))
        let result: Result<[Subscription], ParseError> = LibXMLErrorLog.capture { log in
            guard let tree = LibXMLReader.readXML(decoding) else {
                return .failure(error(from: log, fallback: "not an XML document"))
            }
            defer { xmlFreeDoc(tree.document) }
            guard let root = xmlDocGetRootElement(tree.document) else {
                return .failure(error(from: log, fallback: "no root element"))
            }
            let rootName = XMLNodeRef(node: root, documentURL: nil).localName
            guard rootName.lowercased() == "opml" else {
                return .failure(ParseError(line: Int(xmlGetLineNo(root)), column: nil, message: "the root element is <\(rootName)>, not <opml>"))
            }
            if let stop = tree.stoppedAt {
                let cause = log.stoppingError?.message ?? "the document stops before its end"
                return .failure(ParseError(line: stop.line, column: stop.column, message: cause))
            }
            return collect(under: root, limits: limits)
        }
        return try result.get()
    }

    private static func collect(under root: xmlNodePtr, limits: OPMLLimits) -> Result<[Subscription], ParseError> {
        var subscriptions: [Subscription] = []
        var folders: [String] = []
        var outlines = 0
        var tooMany = false
        ElementTraversal.forEachElement(under: root, enter: { node in
            let element = XMLNodeRef(node: node, documentURL: nil)
            guard element.localName == "outline" else { return node == root || element.localName == "body" }
            outlines += 1
            guard outlines <= limits.maxOutlines else {
                tooMany = true
                return false
            }
            let title = label(of: element)
            if let feedURL = element.attribute("xmlUrl") ?? element.attribute("xmlurl") {
                subscriptions.append(Subscription(
                    title: title, feedURL: feedURL.trimmingSpaces, siteURL: element.attribute("htmlUrl")?.trimmingSpaces,
                    folders: folders, categories: categories(of: element), line: Int(xmlGetLineNo(node))))
                return false
            }
            folders.append(title)
            return true
        }, leave: { node in
            if node != root, XMLNodeRef(node: node, documentURL: nil).localName == "outline" { folders.removeLast() }
        })
        guard !tooMany else {
            return .failure(ParseError(message: "the file holds more than \(limits.maxOutlines) outlines"))
        }
        return .success(subscriptions)
    }

    /// What a reader shows for an outline: `title`, else `text` (OPML 2.0 requires only `text`).
    private static func label(of element: XMLNodeRef) -> String {
        let title = element.attribute("title")?.trimmingSpaces ?? ""
        return title.isEmpty ? element.attribute("text")?.trimmingSpaces ?? "" : title
    }

    /// OPML 2.0's `category`: comma-separated entries, each a slash-delimited path or a word.
    private static func categories(of element: XMLNodeRef) -> [String] {
        guard let value = element.attribute("category") else { return [] }
        return value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    private static func error(from log: LibXMLErrorLog, fallback: String) -> ParseError {
        guard let first = log.firstError else { return ParseError(line: 1, column: 1, message: fallback) }
        return ParseError(line: first.line, column: first.column, message: first.message)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.unicodeScalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.unicodeScalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
