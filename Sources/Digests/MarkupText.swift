/// Escapes text for HTML and XML, in element content and in quoted attribute values alike.
///
/// The five markup characters become references, so the result can sit in either place; characters
/// XML 1.0 forbids (the U+FFFE and U+FFFF non-characters, controls other than tab and line breaks) are
/// dropped, so that an Atom file always parses. Feed text should first go through `UntrustedText.plain`.
enum MarkupText {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default:
                if isXMLCharacter(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// The `Char` production of XML 1.0.
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
