import Model

/// Finds the element a feed starts at: the root element, or a feed wrapped in another document (an Atom
/// `<feed>` inside an XHTML `<html><body>`, as some sites serve to show the feed in a browser). Inside
/// another document an `rss` element counts only with its `channel`: a page's script may well say `<rss>`.
enum FeedRootFinder {
    /// Elements looked at below a root that is not a feed before giving up: a wrapper holds its feed near the top.
    static let searchLimit = 10_000

    /// The feed element and its format: `root` itself, or the first feed below it in document order.
    static func find<Element: FeedElement>(from root: Element) -> (element: Element, format: ParsedDocument.Format)? {
        if let format = FormatDetector.feedFormat(rootName: root.localName, namespaceURI: root.namespaceURI, isRoot: true) {
            return (root, format)
        }
        var visited = 1
        var pending: [Element] = root.childElements.reversed()
        while let element = pending.popLast(), visited < searchLimit {
            visited += 1
            if let format = FormatDetector.feedFormat(rootName: element.localName, namespaceURI: element.namespaceURI, isRoot: false),
               format != .rss || element.child(.channel, in: .rss) != nil {
                return (element, format)
            }
            pending.append(contentsOf: element.childElements.reversed())
        }
        return nil
    }
}
