import Foundation

/// Makes feed text safe to show: no control or bidi-override characters, no line breaks, and links
/// only to http(s); for Markdown, no live Markdown or HTML syntax either.
enum UntrustedText {
    /// Collapses `text` to one line of plain characters and escapes what Markdown would interpret.
    static func inline(_ text: String) -> String {
        escape(plain(text))
    }

    /// `text` cleaned to one line, cut at a word boundary near `limit` characters, then escaped.
    static func excerpt(_ text: String, limit: Int) -> String {
        escape(clipped(text, limit: limit))
    }

    /// `text` cleaned to one line and cut at a word boundary near `limit` characters, with an ellipsis when cut.
    static func clipped(_ text: String, limit: Int) -> String {
        let clean = plain(text)
        guard clean.count > limit else { return clean }
        var cut = String(clean.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    /// The link without invisible characters, or nil when it is not an absolute http(s) URL.
    static func webLink(_ link: String?) -> String? {
        guard let link else { return nil }
        let trimmed = String(String.UnicodeScalarView(link.unicodeScalars.filter { !isInvisible($0) }))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        return trimmed
    }

    /// The link as a Markdown destination, or nil when it is not an absolute http(s) URL.
    static func destination(_ link: String?) -> String? {
        guard let trimmed = webLink(link) else { return nil }
        var output = ""
        for scalar in trimmed.unicodeScalars {
            // These would end the destination or be read as escapes; percent-encoding keeps the URL's meaning.
            if scalar.value < 0x21 || "<>()\\\"'`".unicodeScalars.contains(scalar) {
                output += String(format: "%%%02X", scalar.value)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Removes control and bidi-override characters and collapses whitespace to single spaces.
    static func plain(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
            } else if isInvisible(scalar) {
                continue
            } else {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Backslash-escapes every character CommonMark or GFM could read as syntax, and a leading `1.` or
    /// `1)` that would start an ordered list.
    ///
    /// Works on scalars, not characters: a `[` followed by a combining mark is one `Character` but
    /// Markdown parsers still see the bracket.
    static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        let listMarker = orderedListMarker(in: scalars)
        for (offset, scalar) in scalars.enumerated() {
            if metacharacters.contains(scalar) || (offset == 0 && lineStarters.contains(scalar)) || offset == listMarker {
                output.append("\\")
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// The offset of the `.` or `)` in a leading `1.` or `12)`, which would start an ordered list.
    private static func orderedListMarker(in scalars: [Unicode.Scalar]) -> Int? {
        var offset = 0
        while offset < scalars.count, offset < 10, ("0"..."9").contains(scalars[offset]) { offset += 1 }
        guard offset > 0, offset < scalars.count, scalars[offset] == "." || scalars[offset] == ")" else { return nil }
        return offset
    }

    private static let metacharacters = Set("\\`*_[]()<>#|~!&{}".unicodeScalars)
    /// Only harmful at the start of a line (list items, setext headings).
    private static let lineStarters = Set("-+=".unicodeScalars)

    /// Controls and the characters that reorder or hide text (bidi embeddings, overrides, isolates, marks).
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .control { return true }
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
