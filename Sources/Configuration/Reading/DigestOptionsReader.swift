import Foundation
import Model
import Yams

/// Reads a profile's `digest` mapping: when its digests are due (``DigestTimesReader``) and how they are laid
/// out (`layout: ranked | by_topic`).
enum DigestOptionsReader {
    /// The keys of the `digest` mapping.
    static let keys = DigestTimesReader.keys + ["layout"]

    /// The options the mapping sets; a missing key keeps its default.
    struct Options {
        var layout: DigestLayout = .ranked
        /// Nil: the daemon's schedule of `veilleur.yaml`.
        var times: DigestTimes?
    }

    static func read(_ node: Node, with reader: inout YAMLReader) -> Options {
        var options = Options()
        guard let fields = reader.fields(of: node, allowed: keys, what: "a digest mapping (daily, weekly, timezone, layout)") else {
            return options
        }
        options.times = DigestTimesReader.read(fields, at: node, with: &reader)
        if let node = fields["layout"], let text = reader.string(node) {
            if let layout = DigestLayout(rawValue: text.trimmingCharacters(in: .whitespaces)) {
                options.layout = layout
            } else {
                let valid = DigestLayout.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report("unknown digest layout '\(text)'; expected one of: \(valid)", at: node)
            }
        }
        return options
    }
}
