import Foundation
import Model

/// Reads JSON Feed documents: syntax and bounds checked first, then decoded with Foundation.
enum JSONFeedReader {
    /// The largest JSON document read; feeds are capped at fetch too, this bounds callers that read files.
    static let maxBytes = 64 << 20

    static func parse(_ data: [UInt8], url: String?) throws(ParseError) -> ParsedDocument {
        guard data.count <= maxBytes else {
            throw ParseError(url: url, line: 1, column: 1, message: "JSON document larger than \(maxBytes >> 20) MiB")
        }
        do {
            try JSONSyntaxCheck.check(data)
        } catch {
            throw ParseError(url: url, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
        }
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        let feed: JSONFeedWire
        do {
            feed = try JSONDecoder().decode(JSONFeedWire.self, from: Data(body))
        } catch {
            throw ParseError(url: url, line: 1, column: 1, message: "not a JSON Feed: the top level is not an object with items")
        }
        guard feed.version?.lowercased().contains("jsonfeed.org/version/") == true else {
            throw ParseError(url: url, line: 1, column: 1, message: "JSON without a JSON Feed version")
        }
        return JSONFeedMapper.document(feed, url: url)
    }
}
