import Model

/// Writes sources as an OPML 2.0 subscription list that feed readers import.
///
/// Each source is an outline `type="rss"` whose `text` and `title` are its name and whose `xmlUrl` is its
/// URL; its tags go into the `category` attribute (comma-separated, as OPML 2.0 writes tags), and a
/// tagged source is also put in a folder named after its first tag, since Feedly, Inoreader, Miniflux
/// and FreshRSS build their folders from outline nesting and ignore `category`. Intervals and headers
/// have no place in OPML and are left out.
public enum OPMLWriter {
    /// The document, ending with a newline; `title` goes into `<head>`.
    public static func document(title: String, sources: [Source]) -> String {
        var folders: [String: [Source]] = [:]
        var folderOrder: [String] = []
        var loose: [Source] = []
        for source in sources {
            guard let folder = source.tags.first else {
                loose.append(source)
                continue
            }
            if folders[folder] == nil { folderOrder.append(folder) }
            folders[folder, default: []].append(source)
        }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<opml version="2.0">"#,
            "  <head>",
            "    <title>\(escaped(title))</title>",
            "  </head>",
            "  <body>",
        ]
        for folder in folderOrder {
            lines.append(#"    <outline text="\#(escaped(folder))" title="\#(escaped(folder))">"#)
            lines += (folders[folder] ?? []).map { "      " + outline($0) }
            lines.append("    </outline>")
        }
        lines += loose.map { "    " + outline($0) }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func outline(_ source: Source) -> String {
        let name = escaped(source.name)
        var attributes = #"text="\#(name)" title="\#(name)" type="rss" xmlUrl="\#(escaped(source.url))""#
        if !source.tags.isEmpty {
            attributes += #" category="\#(escaped(source.tags.joined(separator: ",")))""#
        }
        return "<outline \(attributes)/>"
    }

    /// `text` fit for an attribute or element: markup characters as references, white space that
    /// attribute normalisation would fold as character references, and the characters XML 1.0 cannot
    /// hold at all left out.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t": output += "&#9;"
            case "\n": output += "&#10;"
            case "\r": output += "&#13;"
            default:
                let value = scalar.value
                guard value >= 0x20, value != 0xFFFE, value != 0xFFFF else { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
