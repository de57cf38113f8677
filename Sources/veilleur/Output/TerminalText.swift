/// Makes any text safe to write on a terminal or into one log line.
///
/// Feed titles, links and server messages may hold characters that a terminal or a log viewer acts on
/// instead of showing: C0 controls and DEL, C1 controls (U+009B alone opens an escape sequence in some
/// terminals), the bidi embeddings, overrides and isolates that reorder what is shown around them, and
/// U+2028/U+2029, which some viewers break lines at. Each is written as a visible `\uXXXX` escape (`\n`,
/// `\r` and `\t` for the common three), the form JSON, Go and Python read back.
enum TerminalText {
    /// `text` with every character a terminal could act on escaped; the same text when there is none.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscaping(scalar) {
                output.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether a terminal or log viewer could act on `scalar` instead of showing it.
    static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The escape written for `scalar`: `\n`, `\r`, `\t`, or `\u` and four lowercase hex digits.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
