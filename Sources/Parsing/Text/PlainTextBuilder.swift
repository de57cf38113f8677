/// Accumulates text while collapsing every run of whitespace to one space, with a size cap.
///
/// The cap bounds what hostile input (entity expansion, giant pages) can make us allocate per field.
struct PlainTextBuilder {
    /// Unicode scalars kept per field at most; beyond it text is dropped.
    static let defaultLimit = 2_000_000

    private var scalars = String.UnicodeScalarView()
    private var count = 0
    private var pendingSpace = false
    private let limit: Int

    init(limit: Int = PlainTextBuilder.defaultLimit) {
        self.limit = limit
    }

    var isFull: Bool { count >= limit }

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            guard count < limit else { return }
            if PlainTextBuilder.isSpace(scalar) {
                pendingSpace = true
                continue
            }
            if pendingSpace, count > 0 {
                scalars.append(" ")
                count += 1
            }
            pendingSpace = false
            scalars.append(scalar)
            count += 1
        }
    }

    /// Marks a word boundary (block element, `<br>`) without adding a space at the start of the text.
    mutating func separate() {
        pendingSpace = true
    }

    /// The text collected so far, trimmed.
    var text: String { String(scalars) }

    /// Whitespace as Python's `str.isspace` sees it, which the reference outputs used:
    /// Unicode White_Space plus the ASCII information separators U+001C–U+001F.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// `text` with whitespace runs collapsed and ends trimmed.
    static func collapse(_ text: String) -> String {
        var builder = PlainTextBuilder()
        builder.append(text)
        return builder.text
    }
}
