/// Characters that a terminal or a log viewer may act on instead of showing: C0 controls, DEL, C1
/// controls (U+009B opens an escape sequence in some terminals), bidi embeddings, overrides and
/// isolates, and the Unicode line and paragraph separators.
enum HostileCharacters {
    static let all: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", "\u{1B}", "\u{1F}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9B}", "\u{9D}", "\u{9F}",
        "\u{2028}", "\u{2029}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    /// The ones that may stand in XML 1.0 text, so a feed can carry them to the parser's output.
    static let allowedInXML = all.filter { $0.value >= 0x7F }

    /// Whether `text` holds any of them raw, or any other character Unicode classes as a control.
    static func occur(in text: String) -> Bool {
        text.unicodeScalars.contains { all.contains($0) || $0.properties.generalCategory == .control }
    }

    /// Whether any line of `text` holds one, for outputs that are several lines by design.
    static func occurWithinLines(of text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { occur(in: String($0)) }
    }
}
