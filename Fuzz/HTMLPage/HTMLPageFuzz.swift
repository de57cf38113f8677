import FuzzSupport
import Model
import Parsing

/// Reads arbitrary bytes as an HTML page: `<!DOCTYPE html>` is put before them so that `DocumentParser`
/// always takes its HTML path (`HTMLPageExtractor`), with and without a page URL. A page is one item;
/// its text is plain and collapsed, its links (canonical, discovered feeds) http(s) or relative even
/// under a hostile `<base>`, its dates in range, and reading it twice gives the same document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array("<!DOCTYPE html>".utf8) + FuzzInput.bytes(data, size)
    for url in [nil, "https://example.org/actualites/page.html"] {
        let first = Result { () throws(ParseError) in try DocumentParser.parse(bytes, url: url) }
        let second = Result { () throws(ParseError) in try DocumentParser.parse(bytes, url: url) }
        Invariant.require(
            first == second, "two parses of the same page differ (url: \(url ?? "none")): \(Difference.describe(first, second))")
        guard case .success(let document) = first else { continue }
        Invariant.require(document.format == .html, "a page read as \(document.format)")
        Invariant.require(document.items.count == 1, "a page gave \(document.items.count) items")
        DocumentInvariants.check(document)
        if let url {
            Invariant.require(document.items[0].link != nil, "a fetched page has no link (its URL: \(url))")
        }
    }
    return 0
}
