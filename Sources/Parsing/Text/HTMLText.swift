import CLibXML2

/// Markup to plain text, with libxml2's HTML parser.
public enum HTMLText {
    /// The text a reader would see in `html`: tags removed, entities decoded, scripts and styles
    /// dropped, block elements and `<br>` separating words, whitespace collapsed and trimmed.
    ///
    /// The input is a Swift string, already decoded, so it is handed to libxml2 as UTF-8 whatever
    /// `<meta charset>` it may contain.
    public static func plainText(fromHTML html: String) -> String {
        let bytes = Array(html.utf8)
        // Most titles and many summaries are plain text: no need to build an HTML tree for them.
        guard bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else {
            return PlainTextBuilder.collapse(html)
        }
        return LibXMLErrorLog.capture { _ in
            guard let document = LibXMLReader.readHTML(bytes, url: nil, encoding: "UTF-8") else {
                return PlainTextBuilder.collapse(html)
            }
            defer { xmlFreeDoc(document) }
            return NodeTextWalker.text(
                from: document.pointee.children, in: UnsafeMutableRawPointer(document), rules: .html
            )
        }
    }
}
