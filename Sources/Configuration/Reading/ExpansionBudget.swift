/// What a YAML file stands for once its aliases are expanded, counted from its events before any tree is built.
///
/// An alias counts as everything its anchor holds, so the count is bounded by the budget, not by the
/// expansion: refusing a file costs as many steps as it has events. Aliases inside mapping keys are
/// refused outright, as Yams hashes every key whole while composing.
struct ExpansionBudget {
    /// Why a file was refused and where.
    struct Refusal: Error {
        let message: String
        let position: Position
    }

    /// What a value amounts to once expanded.
    private struct Size {
        var values: Int
        var bytes: Int
    }

    private struct OpenCollection {
        let isMapping: Bool
        let anchor: String?
        /// Whether the collection is, or is inside, a mapping key.
        let insideKey: Bool
        /// The running totals before the collection began.
        let before: Size
        /// In a mapping, whether the next value read is a key.
        var expectsKey: Bool
    }

    private let limits: FileLimits
    /// The running totals of the file so far.
    private var total = Size(values: 0, bytes: 0)
    private var anchors: [String: Size] = [:]
    private var open: [OpenCollection] = []

    private init(limits: FileLimits) {
        self.limits = limits
    }

    /// Counts the file's events; throws at the first one that makes the file too large or puts an alias in a key.
    ///
    /// A file without a "*" holds no alias, so it stands for no more than it spells out: when it is too
    /// small to spell out more than the budget, it is not parsed twice (reading 1,000 profiles, that second
    /// parse was a tenth of the time). YAML spells out at most about one value per byte, and an escape
    /// (`\L`, two bytes) stands for at most three bytes of text; the margins below are twice that.
    static func check(_ text: String, within limits: FileLimits) throws(Refusal) {
        let size = text.utf8.count
        let tooSmallToPass = size * 2 <= limits.expandedValues && size * 4 <= limits.expandedBytes
        if tooSmallToPass, !text.utf8.contains(UInt8(ascii: "*")) { return }
        var budget = ExpansionBudget(limits: limits)
        try YAMLEvents.forEach(in: text) { (event) throws(Refusal) in try budget.count(event) }
    }

    /// Counts one event.
    private mutating func count(_ event: YAMLEvent) throws(Refusal) {
        switch event {
        case .scalar(let anchor, let bytes, let position):
            let size = Size(values: 1, bytes: bytes)
            try add(size, at: position)
            if let anchor { anchors[anchor] = size }
            finishValue()
        case .alias(let anchor, let position):
            if isInsideKey {
                throw Refusal(message: "an alias cannot be used in a mapping key; write the key out", position: position)
            }
            // An undefined alias is left for Yams to report.
            try add(anchors[anchor] ?? Size(values: 1, bytes: 0), at: position)
            finishValue()
        case .collectionStart(let isMapping, let anchor, let position):
            let insideKey = isInsideKey
            let before = total
            try add(Size(values: 1, bytes: 0), at: position)
            open.append(OpenCollection(isMapping: isMapping, anchor: anchor, insideKey: insideKey, before: before, expectsKey: isMapping))
        case .collectionEnd:
            guard let collection = open.popLast() else { return }
            if let anchor = collection.anchor {
                anchors[anchor] = Size(values: total.values - collection.before.values, bytes: total.bytes - collection.before.bytes)
            }
            finishValue()
        }
    }

    /// Whether the next value read is a mapping key or part of one.
    private var isInsideKey: Bool {
        guard let innermost = open.last else { return false }
        return innermost.insideKey || (innermost.isMapping && innermost.expectsKey)
    }

    private mutating func add(_ size: Size, at position: Position) throws(Refusal) {
        // Each term is at most the budget (anchors are measured within it), so the sums cannot overflow.
        total.values += size.values
        total.bytes += size.bytes
        if total.values > limits.expandedValues {
            throw Refusal(
                message: "the file holds more than \(limits.expandedValues) values once its aliases are expanded; use fewer aliases or split the file",
                position: position)
        }
        if total.bytes > limits.expandedBytes {
            throw Refusal(
                message: "the file holds more than \(limits.expandedBytes >> 20) MiB of text once its aliases are expanded; use fewer aliases or shorter values",
                position: position)
        }
    }

    /// A mapping alternates keys and values.
    private mutating func finishValue() {
        guard let last = open.indices.last, open[last].isMapping else { return }
        open[last].expectsKey.toggle()
    }
}
