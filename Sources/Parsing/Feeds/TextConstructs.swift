/// How the text of a feed element is read, by the kind of content it holds.
import Foundation

enum TextConstructs {
    /// Text that may carry escaped or CDATA HTML: RSS `description`, `content:encoded`, titles.
    static func html(_ element: some FeedElement) -> String? {
        nonEmpty(element.htmlText)
    }

    /// Text that is never markup: identifiers, names, terms.
    static func plain(_ element: some FeedElement) -> String? {
        nonEmpty(element.characterData)
    }

    /// An Atom text construct: `type="text"` (the default) is not HTML, `"html"` is escaped HTML,
    /// `"xhtml"` is inline XHTML, and other media types are Base64 (RFC 4287 §4.1.3.3). Atom 0.3's
    /// MIME types and `mode` attribute are read the same way.
    static func atom(_ element: some FeedElement) -> String? {
        let type = element.attribute("type").map(PlainTextBuilder.collapse)?.lowercased() ?? "text"
        let mode = element.attribute("mode")?.lowercased()
        let isHTML = mentionsHTML(type)
        if mode == "base64" || isBase64MediaType(type), let decoded = base64Text(element.characterData) {
            return nonEmpty(isHTML ? HTMLText.plainText(fromHTML: decoded) : PlainTextBuilder.collapse(decoded))
        }
        if type == "xhtml" || type == "application/xhtml+xml" || (mode == "xml" && isHTML) {
            return nonEmpty(element.markupText)
        }
        if isHTML {
            return html(element)
        }
        return plain(element)
    }

    /// Whether `type` holds "html", read on its bytes: `contains` with a string argument goes through NSString,
    /// and `firstRange` through a generic search that cost as much as reading the entry's text. No letter of
    /// "html" comes twice, so a mismatch can only start a new match at an `h`.
    private static func mentionsHTML(_ type: String) -> Bool {
        let pattern: (UInt8, UInt8, UInt8, UInt8) = (0x68, 0x74, 0x6D, 0x6C)
        var matched = 0
        for byte in type.utf8 {
            let expected = switch matched {
            case 0: pattern.0
            case 1: pattern.1
            case 2: pattern.2
            default: pattern.3
            }
            if byte == expected {
                matched += 1
                if matched == 4 { return true }
            } else {
                matched = byte == pattern.0 ? 1 : 0
            }
        }
        return false
    }

    /// A media type that is neither text nor XML, whose content Atom carries Base64-encoded.
    private static func isBase64MediaType(_ type: String) -> Bool {
        guard type.utf8.contains(UInt8(ascii: "/")) else { return false }
        return !type.hasPrefix("text/") && !type.hasSuffix("+xml") && !type.hasSuffix("/xml")
    }

    /// Decoded Base64 when it yields UTF-8 text; producers mislabel plain text as binary often enough.
    private static func base64Text(_ encoded: String) -> String? {
        let compact = encoded.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { return nil }
        return String(validating: data, as: UTF8.self)
    }

    static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
