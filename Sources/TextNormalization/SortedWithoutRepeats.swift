extension Array where Element: Comparable {
    /// The elements in ascending order, each once: for the few hashes and keys of one item, where building
    /// a `Set` costs more than sorting.
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
