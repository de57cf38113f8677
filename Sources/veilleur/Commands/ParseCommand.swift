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
            updated, author, summary_text, content_text, categories; dates are ISO-8601 UTC, absent values null. \
            A document that cannot be read to its end prints the items before that point and is reported on \
            standard error; the exit status is then 1, as for an input that cannot be read at all. \
            --kind reads the inputs as sources of that kind: a listing page with its --select-… XPath selectors, \
            a sitemap within --window (an index lists its child sitemaps), a page to discover a feed on (lists \
            the feeds it announces; exit 1 when there is none).
            """
    )

    @Argument(help: ArgumentHelp("Feed or page files, or http(s) URLs.", valueName: "file-or-url"))
    var inputs: [String] = []
    @Option(
        name: .customLong("files-from"),
        help: ArgumentHelp(
            """
            Also read the files or URLs listed in this file, one a line (- reads standard input). Prefer it to \
            thousands of arguments, which take longer to read from the command line than to parse.
            """,
            valueName: "list"))
    var filesFrom: String?
    @Flag(name: .long, help: "Print one JSON object per item.")
    var jsonl = false
    @OptionGroup var reading: SourceReadingOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard !inputs.isEmpty || filesFrom != nil else { throw ValidationError("Missing files or URLs to parse (or --files-from LIST).") }
    }

    func run() async throws {
        var run = ParseRun(jsonl: jsonl, logger: logging.bootstrap())
        defer { run.shutdown() }
        let entries = InputReadAhead(inputs: inputs, listPath: filesFrom)
        while let entry = entries.next() {
            switch entry {
            case .url(let url):
                await parse(url, from: .url(run.fetcher()), into: &run)
            case .file(let path, let file):
                await parse(path, from: .file(file), into: &run)
            case .listProblem(let error):
                run.fail(error.description)
            }
        }
        if run.failures > 0 { throw ExitStatus.failure }
    }

    /// Where an input's bytes come from.
    private enum Source {
        case url(HTTPFetcher)
        case file(InputReadAhead.File)
    }

    /// Parses one input, printing its items, and reports on standard error why it could not be read whole.
    private func parse(_ input: String, from source: Source, into run: inout ParseRun) async {
        var count = 0
        do {
            let document = try await read(input, from: source) { item, feedTitle in
                count += 1
                run.output.add(item, feedTitle: feedTitle)
            }
            if let cut = document.truncation {
                run.fail("\(input): truncated at \(cut); \(count) item(s) read up to there")
            }
        } catch let error as InputFileError {
            run.fail(error.description)
        } catch {
            run.fail("\(input): \(error)")
        }
        run.output.flush()
    }

    /// Inputs from this size on may have their items mapped and printed on a second thread while libxml2 reads
    /// on (the parser's own threshold): asked for when a processor is free to take them.
    private static let concurrentMappingSize = 1 << 20

    /// Whether the items of `bytes` bytes are to be mapped on a second thread.
    private static func mapsItemsConcurrently(_ bytes: Int) -> Bool {
        bytes >= concurrentMappingSize && SpareProcessor.isFree()
    }

    static func isURL(_ input: String) -> Bool {
        input.hasPrefix("http://") || input.hasPrefix("https://")
    }

    /// The document `input` holds.
    private func read(_ input: String, from source: Source, eachItem: (FeedItem, String?) -> Void) async throws -> ParsedDocument {
        let file: InputReadAhead.File
        switch source {
        case .url(let fetcher):
            switch await fetcher.fetch(FetchRequest(url: input)) {
            case .modified(let response), .notModified(let response):
                return try document(response.body, url: response.finalURL, contentType: response.contentType, eachItem: eachItem)
            case .failed(let error):
                throw error
            }
        case .file(let readAhead):
            file = readAhead
        }
        if let bytes = file.readAhead {
            return try document(bytes.get(), url: file.url, contentType: nil, eachItem: eachItem)
        }
        if reading.kind == .feed || reading.kind == .page {
            return try InputFile.withContents(of: input) { bytes in
                try DocumentParser.parse(
                    bytes, url: file.url, contentType: nil, mapsItemsConcurrently: Self.mapsItemsConcurrently(bytes.count), eachItem: eachItem)
            }
        }
        let bytes = try InputFile.contents(of: input)
        return try document(bytes, url: file.url, contentType: nil, eachItem: eachItem)
    }

    /// The document as a source of the chosen kind reads it. A sitemap index comes back with its child
    /// sitemaps as items, and a discovered page with the feeds it announces as items: they are what a
    /// person trying the source wants to see.
    /// A feed's items are handed to `eachItem` as they are read, so that a large one is printed as it goes
    /// rather than held whole; the other kinds hand theirs out at the end.
    private func document(
        _ bytes: [UInt8], url: String, contentType: String?, eachItem: (FeedItem, String?) -> Void
    ) throws -> ParsedDocument {
        if reading.kind == .feed || reading.kind == .page {
            return try DocumentParser.parse(
                bytes, url: url, contentType: contentType, mapsItemsConcurrently: Self.mapsItemsConcurrently(bytes.count), eachItem: eachItem)
        }
        let document = try document(bytes, url: url, contentType: contentType)
        for item in document.items { eachItem(item, document.title) }
        return document
    }

    private func document(_ bytes: [UInt8], url: String, contentType: String?) throws -> ParsedDocument {
        switch reading.kind {
        case .feed, .page:
            return try DocumentParser.parse(bytes, url: url, contentType: contentType)
        case .listing:
            guard let selectors = reading.selectors else { throw ValidationError("--kind listing needs its selectors") }
            return try ListingReader.parse(bytes, url: url, contentType: contentType, selectors: selectors)
        case .sitemap:
            let sitemap = try SitemapReader.parse(bytes, url: url, contentType: contentType, since: reading.window.start(before: Date()))
            let children = sitemap.children.map { FeedItem(id: $0.url, title: "sitemap", link: $0.url, updated: $0.lastModified) }
            return ParsedDocument(format: .sitemap, link: url, items: sitemap.items + children)
        case .discover:
            let page = try DocumentParser.parse(bytes, url: url, contentType: contentType)
            guard page.format == .html else { return page }
            guard !page.discoveredFeeds.isEmpty else {
                throw ParseError(url: url, message: "no feed announced on the page (<link rel=\"alternate\">)")
            }
            return ParsedDocument(
                format: .html, title: page.title, link: url,
                items: page.discoveredFeeds.map { FeedItem(id: $0, title: "announced feed", link: $0) })
        }
    }
}

/// What `parse` has printed so far, how many inputs failed, and the fetcher once a URL has come.
private struct ParseRun {
    var output: ItemOutput
    private(set) var failures = 0
    private let logger: Logger
    /// Started for the first URL only: its transfer thread and libcurl's set-up are of no use to files.
    private var started: HTTPFetcher?

    init(jsonl: Bool, logger: Logger) {
        output = ItemOutput(jsonl: jsonl)
        self.logger = logger
    }

    mutating func fetcher() -> HTTPFetcher {
        if let started { return started }
        let fetcher = HTTPFetcher(limits: FetchLimits(), logger: logger)
        started = fetcher
        return fetcher
    }

    func shutdown() {
        started?.shutdown()
    }

    /// Counts a failure and says why on standard error, after the items printed before it.
    mutating func fail(_ message: String) {
        output.flush()
        failures += 1
        StandardError.shared.writeLine(TerminalText.escaped(message))
    }
}

/// The lines `parse` prints, gathered and written to standard output in blocks.
private struct ItemOutput {
    let jsonl: Bool
    private var buffer = StandardOutputBuffer()

    init(jsonl: Bool) {
        self.jsonl = jsonl
    }

    mutating func add(_ item: FeedItem, feedTitle: String?) {
        if jsonl {
            ItemLine.write(item, feedTitle: feedTitle, to: &buffer.bytes)
        } else {
            let date = item.date.map { $0.formatted(.iso8601) } ?? "-"
            buffer.bytes.append(contentsOf: "\(date)  \(TerminalText.escaped(item.title ?? "(no title)"))  \(TerminalText.escaped(item.link ?? ""))".utf8)
        }
        buffer.bytes.append(UInt8(ascii: "\n"))
        buffer.flushIfFull()
    }

    mutating func flush() {
        buffer.flush()
    }
}
