import Yams

/// The recognised keys of one mapping and their value nodes.
struct Fields {
    /// Position of the mapping, for "missing key" issues.
    let mark: Mark?
    var values: [String: Node] = [:]

    init(mark: Mark?) {
        self.mark = mark
    }

    /// The value of `key`; an explicit null counts as absent.
    subscript(key: String) -> Node? {
        guard let node = values[key], !YAMLReader.isNull(node) else { return nil }
        return node
    }
}
