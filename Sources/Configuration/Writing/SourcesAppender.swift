import Model

/// Appends sources to the text of `sources.yaml` as a person would: the existing text is kept byte for
/// byte, comments and layout included, and the new entries follow it in the same indentation.
///
/// A YAML round trip would drop every comment and reflow the file, so this works on the text: it finds
/// the `sources:` block list, reads how its items are indented, and writes the new items after the last
/// line. Names and tags are slugs, written plain; URLs are written double-quoted.
public enum SourcesAppender {
    /// `text` (nil when the file does not exist yet) with `sources` appended after a `# comment` line.
    /// - Throws: ``SourcesFileError/layout(line:message:)`` when the list is not a block list that can be
    ///   appended to, such as `sources: []`.
    public static func appending(_ sources: [Source], comment: String, to text: String?) throws(SourcesFileError) -> String {
        var output = text ?? ""
        // A file written with CRLF line ends goes on with them; the byte order mark, if any, stays where it is.
        let newline = output.contains("\r\n") ? "\r\n" : "\n"
        // Swift reads CRLF as one character.
        let lines = output.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.enumerated().map { index, line in
            index == 0 && line.hasPrefix("\u{FEFF}") ? line.dropFirst() : line
        }
        var itemIndent = "  "
        if let listLine = lines.firstIndex(where: { $0.hasPrefix("sources:") }) {
            let rest = lines[listLine].dropFirst("sources:".count).drop { $0 == " " || $0 == "\t" }
            guard rest.isEmpty || rest.hasPrefix("#") else {
                throw .layout(line: listLine + 1, message: "the sources list is written on the 'sources:' line; write it as one '- name:' item per line to import into it")
            }
            if let firstItem = lines[(listLine + 1)...].first(where: { $0.drop { $0 == " " }.hasPrefix("- ") }) {
                itemIndent = String(firstItem.prefix { $0 == " " })
            }
        } else {
            if let content = lines.firstIndex(where: { !$0.drop { $0 == " " || $0 == "\t" }.isEmpty && !$0.drop { $0 == " " }.hasPrefix("#") }) {
                throw .layout(line: content + 1, message: "no 'sources:' list at the start of a line; add one")
            }
            if !output.isEmpty, output.last?.isNewline != true { output += newline }
            output += "sources:" + newline
        }
        if !output.isEmpty, output.last?.isNewline != true { output += newline }
        var added = ["\(itemIndent)# \(oneLine(comment))"]
        for source in sources {
            added.append("\(itemIndent)- name: \(scalar(source.name))")
            added.append("\(itemIndent)  url: \(quoted(source.url))")
            if !source.tags.isEmpty {
                added.append("\(itemIndent)  tags: [\(source.tags.map(scalar).joined(separator: ", "))]")
            }
        }
        return output + added.map { $0 + newline }.joined()
    }

    /// Words YAML reads as something other than a string, or as nothing.
    private static let reserved: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// `text` plain when it is a slug YAML reads back as the same string, double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let isSlug = !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !text.hasPrefix("-")
        return isSlug && !reserved.contains(text) ? text : quoted(text)
    }

    /// `text` as a YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                output += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
