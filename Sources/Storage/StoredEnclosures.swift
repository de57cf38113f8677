import Foundation
import Model

/// How an item's enclosures are stored: a JSON array of `Enclosure` objects in `items.enclosures`, null when
/// the item has none worth keeping. Feeds are untrusted, so only what a digest may link to is kept, bounded.
enum StoredEnclosures {
    /// Most enclosures kept per item: a podcast episode or a report has a few; a feed listing hundreds
    /// per entry would only fill the database.
    static let maximumCount = 16
    /// Longest URL kept, in UTF-8 bytes; a longer one is dropped, not cut (a cut URL points elsewhere).
    static let maximumURLBytes = 2048
    /// Longest media type kept, in UTF-8 bytes; a longer one is dropped and the enclosure kept without it.
    static let maximumTypeBytes = 255

    /// The enclosures worth storing, in document order: absolute http(s) URLs without control characters
    /// or white space, within ``maximumURLBytes``, the first of each URL, at most ``maximumCount``; a negative
    /// length is dropped.
    static func kept(_ enclosures: [Enclosure]) -> [Enclosure] {
        var kept: [Enclosure] = []
        var seen = Set<String>()
        for enclosure in enclosures where kept.count < maximumCount {
            let url = enclosure.url.trimmingCharacters(in: .whitespacesAndNewlines)
            guard url.utf8.count <= maximumURLBytes, isWebURL(url), seen.insert(url).inserted else { continue }
            let type = enclosure.type.flatMap { type in
                let trimmed = type.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty || trimmed.utf8.count > maximumTypeBytes || hasControl(trimmed) ? nil : trimmed
            }
            kept.append(Enclosure(url: url, type: type, length: enclosure.length.flatMap { $0 >= 0 ? $0 : nil }))
        }
        return kept
    }

    /// The column value for `enclosures`: nil when none is kept.
    static func encode(_ enclosures: [Enclosure]) -> String? {
        let kept = kept(enclosures)
        guard !kept.isEmpty, let data = try? JSONEncoder().encode(kept) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?, database: String) throws(StorageError) -> [Enclosure] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([Enclosure].self, from: Data(text.utf8))
        } catch {
            throw StorageError(
                operation: "decode items.enclosures", kind: .corrupt, message: "not a JSON array of enclosures: \(text.prefix(80))",
                database: database)
        }
    }

    private static func isWebURL(_ url: String) -> Bool {
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }),
              let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    private static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
