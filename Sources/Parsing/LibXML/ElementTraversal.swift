import CLibXML2

/// Visits the elements of a libxml2 subtree in document order, iteratively.
enum ElementTraversal {
    /// Calls `visit` for `root` and each element below it; when `visit` returns `false` the
    /// element's descendants are skipped.
    static func forEachElement(under root: xmlNodePtr, _ visit: (xmlNodePtr) -> Bool) {
        var next: xmlNodePtr? = root
        while let node = next {
            var descend = false
            if node.pointee.type == XML_ELEMENT_NODE {
                descend = visit(node)
            }
            if descend, let child = node.pointee.children {
                next = child
                continue
            }
            next = nil
            var current = node
            while current != root {
                if let sibling = current.pointee.next {
                    next = sibling
                    break
                }
                guard let parent = current.pointee.parent else { break }
                current = parent
            }
        }
    }
}
