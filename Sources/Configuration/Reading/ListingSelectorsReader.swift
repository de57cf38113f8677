import Model
import Parsing
import Yams

/// Reads the `select` mapping of a listing source: `items`, `title` and `link` required, `date` and
/// `summary` optional, each an XPath 1.0 expression libxml2 compiles.
enum ListingSelectorsReader {
    private static let keys = ["items", "title", "link", "date", "summary"]

    /// The selectors of a source whose kind is `kind` (nil when its kind was wrong), reporting a `select`
    /// on another kind and a listing without one at `source`.
    static func read(_ node: Node?, kind: SourceKind?, source: Node, with reader: inout YAMLReader) -> ListingSelectors? {
        guard let node else {
            if kind == .listing {
                reader.report("a listing source needs 'select' with XPath selectors for items, title and link", at: source)
            }
            return nil
        }
        if let kind, kind != .listing {
            reader.report("select applies to listing sources only; remove it, or set 'kind: listing'", at: node)
            return nil
        }
        guard let fields = reader.fields(of: node, allowed: keys, what: "a mapping of selectors (items, title, link, date, summary)")
        else { return nil }
        let items = reader.require("items", in: fields).flatMap { expression($0, with: &reader) }
        let title = reader.require("title", in: fields).flatMap { expression($0, with: &reader) }
        let link = reader.require("link", in: fields).flatMap { expression($0, with: &reader) }
        let date = fields["date"].flatMap { expression($0, with: &reader) }
        let summary = fields["summary"].flatMap { expression($0, with: &reader) }
        guard let items, let title, let link else { return nil }
        if fields["date"] != nil, date == nil { return nil }
        if fields["summary"] != nil, summary == nil { return nil }
        return ListingSelectors(items: items, title: title, link: link, date: date, summary: summary)
    }

    /// An XPath expression, reported with libxml2's reason when it does not compile.
    private static func expression(_ node: Node, with reader: inout YAMLReader) -> String? {
        guard let text = reader.nonEmptyString(node, what: "selector") else { return nil }
        if let problem = XPathCheck.problem(with: text) {
            reader.report("the XPath selector '\(text)' does not compile: \(problem.reason)", at: node, offset: problem.offset)
            return nil
        }
        return text
    }
}
