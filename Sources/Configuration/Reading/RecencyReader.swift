import Foundation
import Model
import Yams

/// Reads a profile's `recency`: `false` (age never lowers a score), or a mapping of `grace`, `half_life`
/// (durations) and `floor` (0 to 1), each defaulting to ``Recency/standard``'s.
enum RecencyReader {
    private static let keys = ["grace", "half_life", "floor"]

    static func read(_ node: Node, with reader: inout YAMLReader) -> Recency? {
        if case .scalar = node {
            if reader.boolean(node) == true { return .standard }
            return nil
        }
        var recency = Recency.standard
        guard let fields = reader.fields(of: node, allowed: keys, what: "a recency mapping (grace, half_life, floor) or false")
        else { return recency }
        if let node = fields["grace"] {
            // A grace of zero starts the decay at once; `duration` refuses zero, as an interval must not be.
            if case .scalar(let scalar) = node, DurationText.seconds(scalar.string) == 0 {
                recency.grace = 0
            } else if let grace = reader.duration(node, what: "grace") {
                recency.grace = grace
            }
        }
        if let node = fields["half_life"], let halfLife = reader.duration(node, what: "half_life") {
            recency.halfLife = halfLife
        }
        if let node = fields["floor"], let floor = reader.number(node) {
            if (0...1).contains(floor) {
                recency.floor = floor
            } else {
                reader.report("floor must be between 0 and 1, found \(YAMLReader.format(floor))", at: node)
            }
        }
        return recency
    }
}
