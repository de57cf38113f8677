import CLibXML2

/// Cuts a libxml2 tree down to its first elements in document order.
///
/// libxml2 2.9 merges the node sets of a descendant step from many context nodes with a duplicate check
/// that is quadratic (`//div[@class='news']//article` over 100,000 matching `div`s took 40 s), and its
/// operation limit does not count that work: bounding the elements a selector can see bounds it.
enum DocumentPrefix {
    /// Removes every node after the first `count` elements under `root`; true when anything was removed.
    static func keep(_ count: Int, elementsUnder root: xmlNodePtr) -> Bool {
        var seen = 0
        var cut: xmlNodePtr?
        ElementTraversal.forEachElement(under: root) { node in
            guard cut == nil else { return false }
            seen += 1
            if seen > count { cut = node }
            return cut == nil
        }
        guard let cut else { return false }
        var node: xmlNodePtr? = cut
        while let current = node, current != root {
            // The later siblings first, then this node itself only at the level of the cut.
            var later = current.pointee.next
            while let sibling = later {
                later = sibling.pointee.next
                xmlUnlinkNode(sibling)
                xmlFreeNode(sibling)
            }
            let parent = current.pointee.parent
            if current == cut {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            }
            node = parent
        }
        return true
    }
}
