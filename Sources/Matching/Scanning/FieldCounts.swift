import Model

/// Hits of one unit or term per field; plain counters, as this is updated on every hit.
struct FieldCounts: Sendable {
    private var title = 0, summary = 0, content = 0, categories = 0, source = 0

    subscript(field: ItemField) -> Int {
        get {
            switch field {
            case .title: title
            case .summary: summary
            case .content: content
            case .categories: categories
            case .source: source
            }
        }
        set {
            switch field {
            case .title: title = newValue
            case .summary: summary = newValue
            case .content: content = newValue
            case .categories: categories = newValue
            case .source: source = newValue
            }
        }
    }

    /// The counts of the fields in `fields`, zero elsewhere.
    func restricted(to fields: FieldSet) -> FieldCounts {
        var kept = FieldCounts()
        for field in ItemField.allCases where fields.contains(field) { kept[field] = self[field] }
        return kept
    }

    /// Whether any field has a hit.
    var isEmpty: Bool {
        title == 0 && summary == 0 && content == 0 && categories == 0 && source == 0
    }
}

/// A set of fields as bits, checked on every hit.
struct FieldSet: Sendable, Equatable {
    /// One bit per field.
    private(set) var bits: UInt8 = 0

    init(_ fields: some Sequence<ItemField>) {
        for field in fields { bits |= Self.bit(field) }
    }

    func contains(_ field: ItemField) -> Bool {
        bits & Self.bit(field) != 0
    }

    private static func bit(_ field: ItemField) -> UInt8 {
        switch field {
        case .title: 1
        case .summary: 2
        case .content: 4
        case .categories: 8
        case .source: 16
        }
    }
}

/// Where a unit was found: a field, the label within it (categories and source tags are searched one by
/// one, 0 otherwise), the token positions it spans, end excluded, and the characters they span in the text.
struct Occurrence: Sendable, Equatable {
    var field: ItemField
    var segment: Int
    var start: Int
    var end: Int
    var range: Range<String.Index>

    var length: Int { end - start }
}
