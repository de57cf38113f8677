import Foundation
import Model

/// The JSON of one alert (`veilleur.alert/1`, docs/alerts.md): what its file holds and what its command
/// reads on standard input. Every key is always present, null when the item lacks the value.
public struct AlertDocument: Sendable, Equatable {
    /// The `schema` value; it changes with any incompatible change.
    public static let schema = "veilleur.alert/1"
    /// The summary is cut to this many characters: an alert points to the item, it does not carry it.
    public static let summaryLimit = 2000

    /// The alert it describes.
    public let alert: Alert

    public init(_ alert: Alert) {
        self.alert = alert
    }

    /// UTF-8 JSON on one line, then a newline; keys in a fixed order, so that the same alert always gives
    /// the same bytes. The encoder escapes quotes, backslashes and control characters of untrusted text.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.timestamp(date))
        }
        // Every value is a string, a finite number, a list of strings or null: encoding cannot fail.
        var data = (try? encoder.encode(Wire(alert))) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    /// `2026-12-06T19:30:00Z`: seconds in UTC, as the other JSON outputs write instants.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    private struct Wire: Encodable {
        let alert: Alert

        init(_ alert: Alert) { self.alert = alert }

        enum Keys: String, CodingKey {
            case schema, alertID = "alert_id", profile, score, topics, terms, raisedAt = "raised_at", item
        }

        enum ItemKeys: String, CodingKey {
            case id, source, guid, title, link, published, updated, author, summary
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(AlertDocument.schema, forKey: .schema)
            try container.encode(alert.id, forKey: .alertID)
            try container.encode(alert.profile, forKey: .profile)
            // JSON has no NaN; a score is rounded to two decimals, as digests show it.
            if alert.score.isFinite {
                try container.encode((alert.score * 100).rounded() / 100, forKey: .score)
            } else {
                try container.encodeNil(forKey: .score)
            }
            try container.encode(alert.topics, forKey: .topics)
            try container.encode(alert.terms, forKey: .terms)
            try container.encode(alert.createdAt, forKey: .raisedAt)
            var item = container.nestedContainer(keyedBy: ItemKeys.self, forKey: .item)
            try item.encode(alert.itemID, forKey: .id)
            try item.encode(alert.source, forKey: .source)
            try item.encode(alert.item.id, forKey: .guid)
            try item.encode(alert.item.title, forKey: .title)
            try item.encode(alert.item.link, forKey: .link)
            try item.encode(alert.item.published.map(AlertDocument.timestamp), forKey: .published)
            try item.encode(alert.item.updated.map(AlertDocument.timestamp), forKey: .updated)
            try item.encode(alert.item.author, forKey: .author)
            try item.encode(alert.item.summaryText.map { String($0.prefix(AlertDocument.summaryLimit)) }, forKey: .summary)
        }
    }
}
