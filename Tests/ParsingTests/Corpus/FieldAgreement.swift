import Foundation
import Model
import Parsing

/// The entry fields compared with the reference, in the order the table lists them.
enum CorpusField: String, CaseIterable, Sendable {
    case title, link, id, published, updated, author, categories, summary, content
    case feedTitle = "feed title", feedLink = "feed link", feedLanguage = "feed lang"

    /// Fields of the feed itself, compared once per file rather than per entry.
    var isFeedLevel: Bool { self == .feedTitle || self == .feedLink || self == .feedLanguage }

    /// Text fields are scored by token F1; the others agree or not.
    var isText: Bool { self == .summary || self == .content }

    /// Dates are compared only where the reference has one; feedparser knows no date where we find none.
    var isDate: Bool { self == .published || self == .updated }

    /// The floor the test holds this field to; nil for fields only reported.
    var floor: Double? {
        switch self {
        case .title: 0.98
        case .link: 0.97
        case .id: 0.95
        case .published, .updated: 0.95
        case .summary, .content: 0.90
        case .author, .categories, .feedTitle, .feedLink, .feedLanguage: nil
        }
    }
}

/// One comparison that did not agree, kept to explain the numbers.
struct CorpusMiss: Sendable {
    let path: String
    let entry: Int
    let field: CorpusField
    let ours: String
    let reference: String
    /// 0 for a plain disagreement; the token F1 for text.
    let score: Double
}

/// Agreement of every field over a set of corpus files.
struct FieldAgreement {
    /// How one field fared.
    struct Score {
        /// Comparisons made.
        var compared = 0
        /// Comparisons that agreed, or the sum of token F1 for text fields.
        var sum = 0.0
        /// Comparisons left out because the reference is known wrong there.
        var excused = 0

        var value: Double { compared == 0 ? 1 : sum / Double(compared) }
    }

    var files = 0
    var entries = 0
    var failedFiles: [String] = []
    var scores: [CorpusField: Score] = [:]
    var misses: [CorpusMiss] = []
    /// The errata that were used: one whose comparison agrees now is stale and shows up as unused.
    var usedErrata: Set<CorpusErratum.Key> = []

    subscript(field: CorpusField) -> Score { scores[field] ?? Score() }

    /// Parses each feed and compares its entries, by position, with the reference's.
    static func measure(_ feeds: [CorpusFeed], errata: [CorpusErratum.Key: CorpusErratum] = [:]) -> FieldAgreement {
        var agreement = FieldAgreement()
        for feed in feeds {
            agreement.files += 1
            let document: ParsedDocument?
            do {
                document = try DocumentParser.parse(feed.bytes, url: feed.url, contentType: feed.contentType)
            } catch {
                agreement.failedFiles.append(feed.path)
                document = nil
            }
            let items = document?.items ?? []
            let expected = feed.reference.entries
            for index in 0..<max(expected.count, items.count) {
                agreement.entries += 1
                let ours = index < items.count ? items[index] : nil
                let reference = index < expected.count ? expected[index] : nil
                for field in CorpusField.allCases where !field.isFeedLevel {
                    agreement.compare(field, ours, reference, path: feed.path, entry: index, errata: errata)
                }
            }
            let feedValues: [(CorpusField, String?, String?)] = [
                (.feedTitle, document?.title, feed.reference.feed.title),
                (.feedLink, document?.link, feed.reference.feed.link),
                (.feedLanguage, document?.language, feed.reference.feed.language),
            ]
            for (field, ours, reference) in feedValues {
                agreement.record(field, field == .feedTitle ? (titlesAgree(ours, reference) ? 1 : 0) : (collapsed(ours) == collapsed(reference) ? 1 : 0),
                                 ours: ours, reference: reference, path: feed.path, entry: -1, errata: errata)
            }
        }
        return agreement
    }

    private mutating func compare(
        _ field: CorpusField, _ ours: FeedItem?, _ reference: CorpusFeed.Reference.Entry?,
        path: String, entry: Int, errata: [CorpusErratum.Key: CorpusErratum]
    ) {
        let expected = reference.flatMap { Self.referenceValue(field, $0) }
        let actual = ours.flatMap { Self.ourValue(field, $0, reference: reference) }
        if field.isDate, expected == nil { return }
        if field.isText, expected == nil, actual == nil { return }
        let score: Double
        if field.isText {
            score = TokenF1.score(actual ?? "", expected ?? "")
        } else if field == .title {
            score = Self.titlesAgree(actual, expected) ? 1 : 0
        } else {
            score = Self.collapsed(actual) == Self.collapsed(expected) ? 1 : 0
        }
        record(field, score, ours: actual, reference: expected, path: path, entry: entry, errata: errata)
    }

    /// Counts one comparison, or excuses it when the reference is known wrong there.
    private mutating func record(
        _ field: CorpusField, _ score: Double, ours actual: String?, reference expected: String?,
        path: String, entry: Int, errata: [CorpusErratum.Key: CorpusErratum]
    ) {
        let key = CorpusErratum.Key(path: path, entry: entry, field: field)
        if score < 1, errata[key] != nil {
            usedErrata.insert(key)
            scores[field, default: Score()].excused += 1
            return
        }
        scores[field, default: Score()].compared += 1
        scores[field, default: Score()].sum += score
        if score < 1 {
            misses.append(CorpusMiss(path: path, entry: entry, field: field, ours: actual ?? "∅", reference: expected ?? "∅", score: score))
        }
    }

    static func referenceValue(_ field: CorpusField, _ entry: CorpusFeed.Reference.Entry) -> String? {
        switch field {
        case .title: entry.title
        case .link: entry.link
        case .id: entry.id
        case .published: entry.published
        case .updated: entry.updated
        case .author: entry.author
        case .categories: entry.categories.joined(separator: " | ")
        case .summary: entry.summaryText
        case .content: entry.contentText
        case .feedTitle, .feedLink, .feedLanguage: nil
        }
    }

    /// Our value in the reference's terms: dates as UTC seconds, and the summary as feedparser fills it,
    /// which copies the content into the summary when the entry has no summary of its own.
    static func ourValue(_ field: CorpusField, _ item: FeedItem, reference: CorpusFeed.Reference.Entry?) -> String? {
        switch field {
        case .title: item.title
        case .link: item.link
        case .id: item.id
        case .published: item.published.map(utcSeconds)
        case .updated: item.updated.map(utcSeconds)
        case .author: item.author
        case .categories: item.categories.joined(separator: " | ")
        case .summary: item.summaryText ?? item.contentText
        case .content: item.contentText
        case .feedTitle, .feedLink, .feedLanguage: nil
        }
    }

    static func utcSeconds(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
        )
    }

    /// Whitespace collapsed, as the reference keeps the feed's line breaks; empty is absent.
    static func collapsed(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Reference titles are sanitized HTML while ours are plain text: equal as written or once the reference is read as HTML.
    static func titlesAgree(_ ours: String?, _ reference: String?) -> Bool {
        let ours = collapsed(ours)
        if ours == collapsed(reference) { return true }
        guard let reference else { return false }
        return ours == collapsed(HTMLText.plainText(fromHTML: reference))
    }

    /// The per-field table: comparisons, agreement (or mean token F1) and the floor.
    var table: String {
        var lines = ["corpus: \(files) files, \(entries) entries, \(failedFiles.count) unparsed",
                     "field         compared  excused  agreement  floor"]
        for field in CorpusField.allCases {
            let score = self[field]
            let value = field.isText ? String(format: "F1 %.3f", score.value) : String(format: "%.2f%%", score.value * 100)
            let floor = field.floor.map { field.isText ? String(format: "F1 %.2f", $0) : String(format: "%.0f%%", $0 * 100) } ?? "-"
            lines.append(
                field.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(format: "%10d %8d", score.compared, score.excused)
                    + "  " + value.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + floor
            )
        }
        return lines.joined(separator: "\n")
    }
}

/// Token-level F1 between two texts: the harmonic mean of precision and recall over the multisets of
/// their lowercased words, the usual measure for extracted text.
enum TokenF1 {
    static func score(_ ours: String, _ reference: String) -> Double {
        let ourTokens = tokens(ours), referenceTokens = tokens(reference)
        if ourTokens.isEmpty, referenceTokens.isEmpty { return 1 }
        guard !ourTokens.isEmpty, !referenceTokens.isEmpty else { return 0 }
        var counts: [Substring: Int] = [:]
        for token in referenceTokens { counts[token, default: 0] += 1 }
        var common = 0
        for token in ourTokens where counts[token, default: 0] > 0 {
            counts[token]! -= 1
            common += 1
        }
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(ourTokens.count)
        let recall = Double(common) / Double(referenceTokens.count)
        return 2 * precision * recall / (precision + recall)
    }

    static func tokens(_ text: String) -> [Substring] {
        let lowered = text.lowercased()
        return lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}
