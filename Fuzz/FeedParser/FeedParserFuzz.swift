import FuzzSupport
import Model
import Parsing

/// Feeds arbitrary bytes to `DocumentParser.parse`, as the crawler does with a fetched body, without and
/// with a document URL. Besides not crashing, each parse must give the same result twice, every text
/// field must be plain collapsed text, every link http(s) or relative, every date in range; the URL may
/// change links but not which items are read or their titles. A streaming parse gives the same whether its items
/// are mapped on a second thread or not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let local = parse(bytes, url: nil)
    let fetched = parse(bytes, url: "https://example.org/news/feed.xml")
    if case .success(let withoutURL) = local, case .success(let withURL) = fetched {
        Invariant.require(withoutURL.items.count == withURL.items.count, "the document URL changed the item count")
        Invariant.require(
            withoutURL.items.map(\.title) == withURL.items.map(\.title), "the document URL changed the item titles")
    }
    let sequential = streamed(bytes, concurrentMappingFrom: .max)
    let concurrent = streamed(bytes, concurrentMappingFrom: 0)
    Invariant.require(
        sequential.result == concurrent.result && sequential.items == concurrent.items && sequential.titles == concurrent.titles,
        "mapping the items on a second thread changed what a streaming parse gives: \(Difference.describe(sequential.result, concurrent.result))")
    return 0
}

/// What a streaming parse hands out (items and their feed titles, in order) and returns; with
/// `concurrentMappingFrom` 0 the items are mapped on a second thread, as `veilleur parse` maps a large feed's.
private func streamed(
    _ bytes: [UInt8], concurrentMappingFrom threshold: Int
) -> (items: [FeedItem], titles: [String?], result: Result<ParsedDocument, ParseError>) {
    var items: [FeedItem] = []
    var titles: [String?] = []
    let result = Result { () throws(ParseError) in
        try DocumentParser.parse(bytes, url: "https://example.org/news/feed.xml", concurrentMappingFrom: threshold) { item, title in
            items.append(item)
            titles.append(title)
        }
    }
    return (items, titles, result)
}

private func parse(_ bytes: [UInt8], url: String?) -> Result<ParsedDocument, ParseError> {
    let first = Result { () throws(ParseError) in try DocumentParser.parse(bytes, url: url) }
    let second = Result { () throws(ParseError) in try DocumentParser.parse(bytes, url: url) }
    Invariant.require(
        first == second, "two parses of the same bytes differ (url: \(url ?? "none")): \(Difference.describe(first, second))")
    switch first {
    case .success(let document):
        DocumentInvariants.check(document)
    case .failure(let error):
        Invariant.require(!error.message.isEmpty, "a parse error without a message")
    }
    return first
}
