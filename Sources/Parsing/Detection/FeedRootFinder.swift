import CLibXML2
import Model

/// Finds the element a feed starts at: the root element, or a feed wrapped in another document (an Atom
/// `<feed>` inside an XHTML `<html><body>`, as some sites serve to show the feed in a browser). Inside
/// another document an `rss` element counts only with its `channel`: a page's script may well say `<rss>`.
enum FeedRootFinder {
    /// Elements looked at below a root that is not a feed before giving up: a wrapper holds its feed near the top.
    static let searchLimit = 10_000

    static func find(from root: xmlNodePtr) -> (node: xmlNodePtr, format: ParsedDocument.Format)? {
        let rootRef = XMLNodeRef(node: root, documentURL: nil)
        if let format = FormatDetector.feedFormat(rootName: rootRef.localName, namespaceURI: rootRef.namespaceURI, isRoot: true) {
            return (root, format)
        }
        var found: (node: xmlNodePtr, format: ParsedDocument.Format)?
        var visited = 0
        ElementTraversal.forEachElement(under: root) { node in
            guard found == nil, visited < searchLimit else { return false }
            visited += 1
            let element = XMLNodeRef(node: node, documentURL: nil)
            if node != root, let format = FormatDetector.feedFormat(rootName: element.localName, namespaceURI: element.namespaceURI, isRoot: false),
               format != .rss || element.child("channel", in: .rss) != nil {
                found = (node, format)
                return false
            }
            return true
        }
        return found
    }
}
