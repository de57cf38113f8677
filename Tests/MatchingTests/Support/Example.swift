import Model
import Testing

/// One example of the profile language: a profile snippet, an item, and the terms it is alerted for
/// (none when it is not alerted).
struct Example: Sendable, CustomTestStringConvertible {
    var what: String
    var snippet: ProfileSnippet
    var item: FeedItem
    var alertedFor: [String]

    var testDescription: String { what }

    init(_ what: String, topic: String, profile: String = "", language: String = "fr", vocabularies: [String: String] = [:],
         item: FeedItem, alertedFor: [String]) {
        self.what = what
        snippet = ProfileSnippet(topic: topic, profile: profile, language: language, vocabularies: vocabularies)
        self.item = item
        self.alertedFor = alertedFor
    }

    /// Checks the example against the matcher.
    func check(source: Source? = nil) throws {
        let terms = try snippet.matchedTerms(item, source: source)
        #expect(terms == alertedFor, "\(snippet.yaml)")
    }
}

/// An item with only a title.
func title(_ text: String) -> FeedItem {
    FeedItem(title: text)
}
