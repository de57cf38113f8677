import ArgumentParser
import Fetching
import Foundation
import Logging
import Model
import Parsing

/// `veilleur parse`: run the parser on files or URLs.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds or pages (files or http(s) URLs) and print their items.",
        discussion: """
            With --jsonl, one JSON object per item with the keys feed_title, title, link, id, published, \
            updated, author, summary_text, content_text, categories; dates are ISO-8601 UTC, absent values null.
            """
    )

    @Argument(help: ArgumentHelp("Feed or page files, or http(s) URLs.", valueName: "file-or-url"))
    var inputs: [String]
    @Flag(name: .long, help: "Print one JSON object per item.")
    var jsonl = false
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap()
        var failures = 0
        let fetcher = HTTPFetcher(limits: FetchLimits(), logger: logger)
        defer { fetcher.shutdown() }
        for input in inputs {
            do {
                let document = try await read(input, fetcher: fetcher)
                for item in document.items {
                    if jsonl {
                        print(ItemLine.render(item, feedTitle: document.title))
                    } else {
                        let date = item.date.map { $0.formatted(.iso8601) } ?? "-"
                        print("\(date)  \(TerminalText.escaped(item.title ?? "(no title)"))  \(TerminalText.escaped(item.link ?? ""))")
                    }
                }
            } catch {
                failures += 1
                FileHandle.standardError.writeLine(TerminalText.escaped("\(input): \(error)"))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func read(_ input: String, fetcher: HTTPFetcher) async throws -> ParsedDocument {
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            switch await fetcher.fetch(FetchRequest(url: input)) {
            case .modified(let response), .notModified(let response):
                return try DocumentParser.parse(response.body, url: response.finalURL, contentType: response.contentType)
            case .failed(let error):
                throw error
            }
        }
        let url = URL(fileURLWithPath: input)
        let bytes = [UInt8](try Data(contentsOf: url))
        return try DocumentParser.parse(bytes, url: url.absoluteString)
    }
}
