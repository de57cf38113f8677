import ArgumentParser
import Foundation
import Model
import Parsing

/// How `veilleur parse` reads its inputs: as sources of a kind, with the options `sources.yaml` gives
/// them, so that selectors and windows can be tried on a page before the source is added.
struct SourceReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the inputs as sources of this kind (feed and page: detected from the document).", valueName: "kind"))
    var kind: SourceKind = .feed
    @Option(help: ArgumentHelp("Listing: XPath selecting one element per item.", valueName: "xpath"))
    var selectItems: String?
    @Option(help: ArgumentHelp("Listing: XPath of an item's title, relative to the item.", valueName: "xpath"))
    var selectTitle: String?
    @Option(help: ArgumentHelp("Listing: XPath of an item's link, relative to the item.", valueName: "xpath"))
    var selectLink: String?
    @Option(help: ArgumentHelp("Listing: XPath of an item's date, relative to the item.", valueName: "xpath"))
    var selectDate: String?
    @Option(help: ArgumentHelp("Listing: XPath of an item's summary, relative to the item.", valueName: "xpath"))
    var selectSummary: String?
    @Option(help: ArgumentHelp("Sitemap: read the entries of this last period only (12h, 7d, 2w).", valueName: "period"))
    var window: Lookback = Lookback(argument: "7d")!

    func validate() throws {
        let given = [selectItems, selectTitle, selectLink, selectDate, selectSummary].contains { $0 != nil }
        if kind == .listing {
            guard selectItems != nil, selectTitle != nil, selectLink != nil else {
                throw ValidationError("--kind listing needs --select-items, --select-title and --select-link")
            }
        } else if given {
            throw ValidationError("--select-… options apply to --kind listing only")
        }
        for (name, expression) in [
            ("items", selectItems), ("title", selectTitle), ("link", selectLink), ("date", selectDate), ("summary", selectSummary),
        ] {
            if let expression, let problem = XPathCheck.problem(with: expression) {
                throw ValidationError("the --select-\(name) XPath '\(expression)' does not compile: \(problem)")
            }
        }
    }

    /// The listing selectors given, when the kind is listing.
    var selectors: ListingSelectors? {
        guard kind == .listing, let selectItems, let selectTitle, let selectLink else { return nil }
        return ListingSelectors(items: selectItems, title: selectTitle, link: selectLink, date: selectDate, summary: selectSummary)
    }
}

extension SourceKind: ExpressibleByArgument {}
