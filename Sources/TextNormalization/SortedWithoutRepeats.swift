extension Array where Element: Comparable {
    /// The elements in ascending order, each once: for the few hashes and keys of one item, where building
    /// a `Set` costs more than sorting. Inlinable so that callers in other modules get a sort specialised to
    /// their element type: the generic one compares through witness tables, and cost 6% of a cold crawl.
    @inlinable
    public func sortedWithoutRepeats() -> [Element] {
        var sorted = self.sorted()
        var write = 0
        for value in sorted where write == 0 || sorted[write - 1] != value {
            sorted[write] = value
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }
}
