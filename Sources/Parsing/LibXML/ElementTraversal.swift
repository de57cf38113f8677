import CLibXML2

/// Visits the elements of a libxml2 subtree in document order, iteratively.
enum ElementTraversal {
    /// Calls `visit` for `root` and each element below it; when `visit` returns `false` the
    /// element's descendants are skipped.
    static func forEachElement(under root: xmlNodePtr, _ visit: (xmlNodePtr) -> Bool) {
        forEachElement(under: root, enter: visit, leave: { _ in })
    }

    /// Calls `enter` for `root` and each element below it, and `leave` once an element's descendants
    /// have all been visited. When `enter` returns `false` the element's descendants are skipped and
    /// `leave` is not called for it, so `enter`/`leave` pairs nest like the elements themselves.
    static func forEachElement(under root: xmlNodePtr, enter: (xmlNodePtr) -> Bool, leave: (xmlNodePtr) -> Void) {
        var next: xmlNodePtr? = root
        while let node = next {
            var descend = false
            if node.pointee.type == XML_ELEMENT_NODE {
                descend = enter(node)
            }
            if descend {
                if let child = node.pointee.children {
                    next = child
                    continue
                }
                leave(node)
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
                // Only an entered element is ever climbed back to: the walk went down through it.
                leave(current)
            }
        }
    }
}
