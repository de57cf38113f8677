import Model

/// Decides what kind of document a parse produced or is about to.
enum FormatDetector {
    /// The feed format an element announces, or `nil` when it is not a feed. At the root, a `feed` in any
    /// namespace or none is read as Atom (early drafts and home-made feeds used their own); inside another
    /// document only the Atom namespaces count, and `rss` must not be in a namespace of its own (an XHTML page's).
    static func feedFormat(rootName: String, namespaceURI: String?, isRoot: Bool = true) -> ParsedDocument.Format? {
        switch rootName {
        case "rss" where isRoot || namespaceURI == nil:
            return .rss
        case "RDF" where namespaceURI == NamespaceSet.rdfURI:
            return .rdf
        case "feed" where isRoot || NamespaceSet.anyAtom.contains(namespaceURI):
            return .atom
        default:
            return nil
        }
    }

    /// Whether the bytes start like a JSON document: an object after a BOM and whitespace. Nothing else
    /// (XML, HTML) can start with `{`.
    static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let first = bytes[start...].first { !(0x09...0x0D).contains($0) && $0 != 0x20 }
        return first == UInt8(ascii: "{")
    }

    /// Whether the bytes start like an HTML page: after a BOM, whitespace, an XML declaration and
    /// comments, the first markup is `<!DOCTYPE html` or an `<html>`, `<head>` or `<body>` tag.
    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = min(bytes.count, 4096)
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return false }
            let rest = bytes[(index + 1)..<min(bytes.count, index + 16)].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
            if rest.starts(with: Array("!--".utf8)) {
                index = skip(bytes, from: index, past: Array("-->".utf8))
            } else if rest.starts(with: Array("?".utf8)) {
                index = skip(bytes, from: index, past: Array("?>".utf8))
            } else if rest.starts(with: Array("!doctype".utf8)) {
                let afterKeyword = rest.dropFirst(8).drop { $0 == 0x20 || (0x09...0x0D).contains($0) }
                return afterKeyword.starts(with: Array("html".utf8))
            } else {
                return ["html", "head", "body"].contains { name in
                    rest.starts(with: Array(name.utf8)) && rest.count > name.utf8.count
                        && !isNameByte(rest[rest.startIndex + name.utf8.count])
                }
            }
        }
        return false
    }

    /// Whether a document that starts like HTML holds a feed's root tag (`<feed`, `<rss`, `<rdf:RDF`, any
    /// prefix), so that it is worth reading as XML first: an XHTML page wrapped around an Atom feed is a feed.
    static func mayHoldFeed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let names = ["feed", "rss", "RDF"].map { Array($0.utf8) }
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            var nameStart = open + 1
            let tag = bytes[nameStart..<min(bytes.count, nameStart + 64)]
            if let colon = tag.prefix(while: isNameByte).firstIndex(of: UInt8(ascii: ":")) { nameStart = colon + 1 }
            for name in names where bytes[nameStart...].starts(with: name) {
                let after = nameStart + name.count
                if after < bytes.count, !isNameByte(bytes[after]) { return true }
            }
            index = open + 1
        }
        return false
    }

    private static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, past terminator: [UInt8]) -> Int {
        var index = start
        while index + terminator.count <= bytes.count {
            if bytes[index..<(index + terminator.count)].elementsEqual(terminator) { return index + terminator.count }
            index += 1
        }
        return bytes.count
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
    }
}
