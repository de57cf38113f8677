/// Markup to plain text.
public enum HTMLText {
    /// The text a reader would see in `html`: tags removed, entities decoded, scripts and styles
    /// dropped, block elements and `<br>` separating words, whitespace collapsed and trimmed.
    ///
    /// The input is a Swift string, already decoded, so whatever `<meta charset>` it may contain is ignored.
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8(plainText(fromHTMLUTF8:))
    }

    /// `plainText(fromHTML:)` on UTF-8 bytes, as the feed reader holds them.
    static func plainText(fromHTMLUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        HTMLTextScanner.text(fromUTF8: bytes, rules: .html)
    }
}
