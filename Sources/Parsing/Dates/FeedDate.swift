import Foundation

/// Reads the dates feeds write: RFC 822 (`pubDate`), RFC 3339 / W3C-DTF (`dc:date`, Atom) and their common broken variants.
///
/// Hand-written over bytes rather than `DateFormatter`: it is much faster, does not depend on the
/// process locale, and tolerates the variants found in the wild (missing seconds, two-digit years,
/// named zones, French month names).
public enum FeedDate {
    /// The instant `text` denotes, or `nil` when it is not a date this parser knows.
    ///
    /// A date without a time is midnight UTC; a time without a zone is taken as UTC.
    public static func parse(_ text: String) -> Date? {
        var text = text
        if let fields = text.withUTF8(CommonRFC822Date.fields) { return fields.date }
        var bytes = Array(text.utf8)
        while let last = bytes.last, DateScanner.isSpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !DateScanner.isSpace($0) } ?? bytes.endIndex
        let trimmed = bytes[start...]
        guard !trimmed.isEmpty else { return nil }
        let fields = ISODateParser.parse(trimmed) ?? LooseDateParser.parse(trimmed)
        return fields?.date
    }
}
