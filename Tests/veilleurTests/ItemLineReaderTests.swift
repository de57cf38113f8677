import Foundation
import Model
import Testing
@testable import veilleur

/// The item a line gives through `JSONDecoder` alone, as `match` read every line before.
private func decoded(_ line: String) throws -> FeedItem {
    let wire = try JSONDecoder().decode(ItemLine.Wire.self, from: Data(line.utf8))
    func date(_ text: String?) -> Date? { text.flatMap { try? Date($0, strategy: .iso8601) } }
    return FeedItem(
        id: wire.id, title: wire.title, link: wire.link, published: date(wire.published), updated: date(wire.updated),
        author: wire.author, summaryText: wire.summary_text, contentText: wire.content_text, categories: wire.categories ?? [])
}

@Suite("Item line reader")
struct ItemLineReaderTests {
    @Test("A line reads as JSONDecoder reads it", arguments: [
        #"{"id": "i0", "title": "Hydrogène vert", "content_text": "L’usine d'électrolyseurs"}"#,
        #"{"feed_title":null,"title":"T","link":"https://x.example/a","id":null,"published":"2024-03-01T10:00:00Z","updated":null,"author":"A","summary_text":"s","content_text":"c","categories":["a","b"]}"#,
        #"  { "title" : "esc \" \\ \/ \b\f\n\r\t \u00e9 \u0000 \ud83d\ude80" , "categories" : [ ] }  "#,
        #"{"title":"x","extra":{"nested":[1,-2.5e+3,0.1,true,false,null,{"k":"v"}],"s":"\u263a"},"n":-0}"#,
        #"{}"#,
        #"{"categories":null,"title":null}"#,
        #"{"ti\u0074le":"escaped key"}"#,
    ])
    func readsAsJSONDecoder(_ line: String) throws {
        #expect(try ItemLine.parse(Substring(line)) == decoded(line))
    }

    @Test("An invalid line, or one the reader leaves aside, fails or reads as with JSONDecoder", arguments: [
        #"{"title": "unterminated"#, #"{"title": 5}"#, #"{"categories": ["a", 1]}"#, #"{"categories": "a"}"#,
        #"[1, 2]"#, #"{"title": "a",}"#, #"{"title": "a"} trailing"#, "{\"title\": \"raw \u{1} control\"}",
        #"{"title": "bad \x escape"}"#, #"{"title": "lone \ud800 surrogate"}"#, #"{"n": 01}"#, #"{"n": 1.}"#,
        #"{"n": tru}"#, #"{"title": "a", "title": "b"}"#, #"{'title': 'a'}"#, #"{"title": "a" "id": "b"}"#, "",
    ])
    func invalidLinesFailAsBefore(_ line: String) throws {
        let expected = Result { try decoded(line) }
        let got = Result { try ItemLine.parse(Substring(line)) }
        switch (expected, got) {
        case (.success(let wanted), .success(let item)): #expect(item == wanted)
        case (.failure(let wanted), .failure(let error)): #expect("\(error)" == "\(wanted)")
        default: Issue.record("JSONDecoder gave \(expected), the reader \(got)")
        }
    }
}
