import Foundation
import Model

/// Renders a digest as JSON for programs.
///
/// Shape, version `veilleur.digest/1` (a new version string for any incompatible change):
/// ```
/// {
///   "schema": "veilleur.digest/1",
///   "profile": "xr", "profile_name": "Réalité étendue", "kind": "…",
///   "period": "2026-11-26", "generated_at": "2026-11-26T07:00:00Z",
///   "items": [
///     {"rank": 1, "title": "…", "link": "https://…" | null, "source": "…",
///      "published": "2026-11-25T18:30:00Z" | null, "score": 3.2,
///      "topics": ["…"], "terms": ["…"], "snippet": "…" | null,
///      "also_published_by": [{"source": "…", "link": "https://…" | null}],
///      "enclosures": [{"url": "https://…", "type": "audio/mpeg" | null, "length": 12345 | null}]}
///   ],
///   "omitted": 0,
///   "failing_sources": [
///     {"name": "…", "consecutive_failures": 3, "last_success": "2026-11-24T06:10:00Z" | null, "last_error": "…"}
///   ]
/// }
/// ```
/// `items` lists the period's entries ranked as in the Markdown, up to ``itemLimit(maxItems:)``: the
/// profile's `max_items` or ``entryCeiling``, whichever is larger, so that a flood of matches cannot make
/// a file of many megabytes. `omitted` counts the lower-ranked entries of the period left out; they are
/// still the period's (no other digest lists them). `failing_sources` lists the sources the profile reads
/// that were failing when the digest was written. An item is one story: `also_published_by` lists the
/// other sources that published it (near-duplicates: the same release under other links), by source, and
/// is empty for a story only one source carried. `enclosures` lists the files attached to the item, http(s)
/// only. These four keys were added within version 1, since a
/// reader of the earlier shape loses nothing by ignoring them: files written before them lack them, and
/// readers should take a missing `omitted` as 0 and a missing `also_published_by` or `enclosures` as empty. Dates are ISO 8601 in UTC
/// to the second. Keys are sorted and the output is pretty-printed with a final newline, so the same
/// digest always gives the same bytes. Text comes from feeds: it is cleaned of control and bidi-override
/// characters and its whitespace collapsed (snippets cut near 280 characters, as in the other formats), `link` is null unless it is http(s), but it is not escaped
/// for any markup, so consumers must still escape it.
public enum JSONDigest {
    /// The value of the `schema` key.
    public static let schema = "veilleur.digest/1"

    /// The fewest entries a JSON digest lists when the period has them, whatever `max_items` says.
    public static let entryCeiling = 1000

    /// How many entries the JSON of a profile with this `max_items` lists at most: never fewer than the
    /// other formats show.
    public static func itemLimit(maxItems: Int) -> Int {
        max(maxItems, entryCeiling)
    }

    /// The digest as UTF-8 JSON bytes.
    public static func render(_ digest: Digest) throws -> [UInt8] {
        let listed = digest.rankedEntries.prefix(itemLimit(maxItems: digest.maxItems))
        let document = Document(
            schema: schema, profile: digest.profile, profileName: digest.profileName, kind: digest.kind,
            period: digest.period, generatedAt: timestamp(digest.generatedAt),
            items: listed.enumerated().map { index, entry in
                Item(
                    rank: index + 1, title: UntrustedText.plain(entry.title), link: UntrustedText.webLink(entry.link),
                    source: UntrustedText.plain(entry.source), published: entry.published.map(timestamp), score: entry.score,
                    topics: entry.topics.map(UntrustedText.plain), terms: entry.terms.map(UntrustedText.plain),
                    snippet: entry.snippet.map { UntrustedText.clipped($0, limit: DigestEntry.snippetLimit) },
                    alsoPublishedBy: entry.alsoPublishedBy.map { copy in
                        CopyItem(source: UntrustedText.plain(copy.source), link: UntrustedText.webLink(copy.link))
                    },
                    enclosures: entry.enclosures.compactMap { enclosure in
                        UntrustedText.webLink(enclosure.url).map { url in
                            EnclosureItem(url: url, type: enclosure.type.map(UntrustedText.plain), length: enclosure.length)
                        }
                    }
                )
            },
            omitted: digest.totalEntries - listed.count,
            failingSources: digest.failingSources.map { source in
                FailingSourceItem(
                    name: UntrustedText.plain(source.name), consecutiveFailures: source.consecutiveFailures,
                    lastSuccess: source.lastSuccess.map(timestamp), lastError: UntrustedText.plain(source.lastError))
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(document)) + [UInt8(ascii: "\n")]
    }

    /// Reads back a document this type wrote.
    /// - Throws: a decoding error, or `DecodingError.dataCorrupted` when the schema is another version's.
    static func document(from bytes: Data) throws -> Document {
        let document = try JSONDecoder().decode(Document.self, from: bytes)
        guard document.schema == schema else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "schema '\(document.schema)' is not '\(schema)'"))
        }
        return document
    }

    /// Dates as written in the file: ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// The file's shape; also read back to build the Atom feed from earlier periods.
    struct Document: Codable {
        var schema: String
        var profile: String
        var profileName: String
        var kind: String
        var period: String
        var generatedAt: String
        var items: [Item]
        /// Optional when read: files written before the key existed lack it.
        var omitted: Int?
        /// Optional when read: files written before the key existed lack it.
        var failingSources: [FailingSourceItem]?

        enum CodingKeys: String, CodingKey {
            case schema, profile, kind, period, items, omitted
            case profileName = "profile_name"
            case generatedAt = "generated_at"
            case failingSources = "failing_sources"
        }
    }

    /// A failing source as written in the file.
    struct FailingSourceItem: Codable {
        var name: String
        var consecutiveFailures: Int
        var lastSuccess: String?
        var lastError: String

        enum CodingKeys: String, CodingKey {
            case name
            case consecutiveFailures = "consecutive_failures"
            case lastSuccess = "last_success"
            case lastError = "last_error"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
            try container.encode(lastSuccess, forKey: .lastSuccess)
            try container.encode(lastError, forKey: .lastError)
        }
    }

    /// Optional fields are written as `null` rather than left out, so that every item has every key.
    struct Item: Codable {
        var rank: Int
        var title: String
        var link: String?
        var source: String
        var published: String?
        var score: Double
        var topics: [String]
        var terms: [String]
        var snippet: String?
        /// Optional when read: files written before the key existed lack it.
        var alsoPublishedBy: [CopyItem]?
        /// Optional when read: files written before the key existed lack it.
        var enclosures: [EnclosureItem]?

        enum CodingKeys: String, CodingKey {
            case rank, title, link, source, published, score, topics, terms, snippet, enclosures
            case alsoPublishedBy = "also_published_by"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(title, forKey: .title)
            try container.encode(link, forKey: .link)
            try container.encode(source, forKey: .source)
            try container.encode(published, forKey: .published)
            try container.encode(score, forKey: .score)
            try container.encode(topics, forKey: .topics)
            try container.encode(terms, forKey: .terms)
            try container.encode(snippet, forKey: .snippet)
            try container.encode(alsoPublishedBy ?? [], forKey: .alsoPublishedBy)
            try container.encode(enclosures ?? [], forKey: .enclosures)
        }
    }

    /// A file attached to an item, as written in the file; `type` and `length` are written as `null`
    /// rather than left out.
    struct EnclosureItem: Codable {
        var url: String
        var type: String?
        var length: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(type, forKey: .type)
            try container.encode(length, forKey: .length)
        }

        enum CodingKeys: String, CodingKey {
            case url, type, length
        }
    }

    /// Another source's copy of an item's story, as written in the file; `link` is written as `null`
    /// rather than left out.
    struct CopyItem: Codable {
        var source: String
        var link: String?

        enum CodingKeys: String, CodingKey {
            case source, link
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(link, forKey: .link)
        }
    }
}
