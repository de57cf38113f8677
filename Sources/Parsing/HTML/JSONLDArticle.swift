import Foundation

/// The article a page describes in its JSON-LD blocks (`<script type="application/ld+json">`): the first
/// object typed as a schema.org `Article` or one of its kinds, at the top, in an array or in `@graph`.
///
/// A block is decoded only once it passes the same syntax and depth check as a JSON Feed; a block that is
/// not valid JSON (frequent on real pages) still gives its first `"headline"` and `"datePublished"`
/// strings, found by a key scan.
struct JSONLDArticle: Equatable {
    var headline: String?
    var datePublished: String?
    var dateModified: String?
    var author: String?
    var articleDescription: String?

    /// Blocks larger than this are skipped: no article's metadata needs more.
    static let maxBlockBytes = 1 << 20
    /// At most this many blocks of a page are read.
    static let maxBlocks = 16

    private static let articleTypes: Set<String> = [
        "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
        "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting",
        "SocialMediaPosting", "DiscussionForumPosting", "Report", "ScholarlyArticle", "TechArticle", "SatiricalArticle",
    ]

    /// The article of the first block that has one.
    static func read(_ blocks: [String]) -> JSONLDArticle? {
        for block in blocks.prefix(maxBlocks) where block.utf8.count <= maxBlockBytes {
            if let article = decoded(block) ?? scanned(block) { return article }
        }
        return nil
    }

    private static func decoded(_ block: String) -> JSONLDArticle? {
        let bytes = Array(block.utf8)
        guard (try? JSONSyntaxCheck.check(bytes)) != nil,
              let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        else { return nil }
        guard let object = firstArticle(in: value, depth: 0) else { return nil }
        return JSONLDArticle(
            headline: text(object["headline"]) ?? text(object["name"]),
            datePublished: text(object["datePublished"]),
            dateModified: text(object["dateModified"]),
            author: names(object["author"]),
            articleDescription: text(object["description"]))
    }

    private static func firstArticle(in value: Any, depth: Int) -> [String: Any]? {
        guard depth < JSONSyntaxCheck.maxDepth else { return nil }
        if let array = value as? [Any] {
            return array.lazy.compactMap { firstArticle(in: $0, depth: depth + 1) }.first
        }
        guard let object = value as? [String: Any] else { return nil }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
        if types.contains(where: articleTypes.contains) { return object }
        return object["@graph"].flatMap { firstArticle(in: $0, depth: depth + 1) }
    }

    private static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        return TextConstructs.nonEmpty(HTMLText.plainText(fromHTML: string))
    }

    /// A name, a `Person` or `Organization`, or a list of them, as one line.
    private static func names(_ value: Any?) -> String? {
        let list = (value as? [Any]) ?? value.map { [$0] } ?? []
        let names = list.compactMap { entry in text(entry) ?? text((entry as? [String: Any])?["name"]) }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private static func scanned(_ block: String) -> JSONLDArticle? {
        let headline = scan("headline", in: block).flatMap { TextConstructs.nonEmpty(HTMLText.plainText(fromHTML: $0)) }
        let published = scan("datePublished", in: block)
        guard headline != nil || published != nil else { return nil }
        return JSONLDArticle(headline: headline, datePublished: published)
    }

    /// The string value of the first `"key"` in a block, its escapes decoded.
    static func scan(_ key: String, in json: String) -> String? {
        guard let found = json.unicodeScalars.firstRange(of: "\"\(key)\"".unicodeScalars) else { return nil }
        var rest = json.unicodeScalars[found.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == "\"" else { return nil }
        let value = unescaped(rest.dropFirst())
        return value.isEmpty ? nil : value
    }

    /// A JSON string's content up to its closing quote, escapes decoded; a broken escape is kept as written.
    private static func unescaped(_ scalars: Substring.UnicodeScalarView) -> String {
        var result = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        var index = scalars.startIndex
        while index < scalars.endIndex, scalars[index] != "\"" {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            guard scalar == "\\", index < scalars.endIndex else {
                result.append(scalar)
                continue
            }
            let escape = scalars[index]
            index = scalars.index(after: index)
            switch escape {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "b", "f": result.append(" ")
            case "u":
                let hex = String(String.UnicodeScalarView(scalars[index...].prefix(4)))
                guard hex.count == 4, let code = UInt32(hex, radix: 16) else {
                    result.append(contentsOf: "\\u".unicodeScalars)
                    continue
                }
                index = scalars.index(index, offsetBy: 4)
                if (0xD800...0xDBFF).contains(code) {
                    pendingHigh = code
                    continue
                }
                if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                    pendingHigh = nil
                    if let pair = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) { result.append(pair) }
                    continue
                }
                if let decoded = Unicode.Scalar(code) { result.append(decoded) }
            default: result.append(escape)
            }
        }
        return String(result)
    }
}
