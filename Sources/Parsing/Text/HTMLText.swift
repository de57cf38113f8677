/// Markup to plain text.
public enum HTMLText {
    /// The text a reader would see in `html`: tags removed, entities decoded, scripts and styles
    /// dropped, block elements and `<br>` separating words, whitespace collapsed and trimmed.
    ///
    /// The input is a Swift string, already decoded, so whatever `<meta charset>` it may contain is ignored.
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            // Most titles and many summaries are plain text: nothing to decode in them.
            guard bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else {
                var builder = PlainTextBuilder()
                builder.append(utf8: bytes)
                return builder.text
            }
            return HTMLTextScanner.text(fromUTF8: bytes, rules: .html)
        }
    }
}
