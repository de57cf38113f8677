import FuzzSupport
import Model
import Parsing

/// Feeds arbitrary bytes to `DocumentParser.parse`, as the crawler does with a fetched body, without and
/// with a document URL. Besides not crashing, each parse must give the same result twice, every text
/// field must be plain collapsed text, every link http(s) or relative, every date in range; the URL may
/// change links but not which items are read or their titles.
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
    return 0
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
