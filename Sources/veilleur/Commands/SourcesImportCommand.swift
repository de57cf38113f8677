import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model
import Parsing

/// `veilleur sources import FILE.opml`: appends a feed reader's subscriptions to `sources.yaml`.
struct ImportSources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append the feeds of an OPML file (Feedly, Inoreader, Miniflux, FreshRSS…) to sources.yaml.",
        discussion: """
            Each outline with an xmlUrl becomes a source named after its title (lowercase ASCII words joined \
            by '-', made unique with -2, -3…), tagged with the folders around it, its OPML category entries \
            and every --tag. A feed whose URL is already configured or came earlier in the file, and one \
            whose URL sources.yaml would refuse (not http or https, say), is skipped and listed. The new \
            sources are appended after the last line of sources.yaml, below a comment naming the file, in the \
            indentation of its items; the text before is kept byte for byte. The folder is then loaded again: \
            when it does not load, sources.yaml is restored and the command exits 2. The file may hold at most \
            \(OPMLLimits().maxBytes / 1024 / 1024) MiB and \(OPMLLimits().maxOutlines) outlines.
            """
    )

    @Argument(help: ArgumentHelp("The OPML file a feed reader exported.", valueName: "file.opml"))
    var file: String
    @Option(name: .long, help: ArgumentHelp("A tag added to every imported source; repeat for several.", valueName: "tag"))
    var tag: [String] = []
    @OptionGroup var config: ConfigOptions
    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        for tag in tag where !tag.contains(where: { $0.isLetter || $0.isNumber }) {
            throw ValidationError("--tag '\(tag)' holds no letter or digit.")
        }
    }

    func run() throws {
        let subscriptions = try readSubscriptions()
        let existing = try existingSources()
        let line = progress.line(title: "import")
        defer { line?.finish() }
        let plan = SourcesImport.plan(subscriptions, existing: existing, extraTags: tag, interval: Settings().defaultInterval) { done, partial in
            line?.update(ProgressSnapshot(importing: done, of: subscriptions.count, added: partial.added.count, skipped: partial.skipped.count))
        }
        line?.finish()
        for skip in plan.skipped { print(Self.describe(skip)) }
        guard !plan.added.isEmpty else {
            print(TerminalText.escaped("nothing imported from \(file): \(Self.count(subscriptions.count, "feed")) read, \(plan.skipped.count) skipped"))
            return
        }
        let comment = "imported from \(URL(fileURLWithPath: file).lastPathComponent) on \(Date().formatted(.iso8601.year().month().day()))"
        do {
            try SourcesFile.append(plan.added, comment: comment, directory: config.url)
        } catch {
            switch error {
            case .invalidAfterWrite(let invalid):
                // Every issue, as `check` and the other commands print them, then the one line of the failure.
                for issue in invalid.issues { StandardError.shared.writeLine(TerminalText.escaped("\(issue)")) }
                throw CommandFailure(.invalidConfiguration, "\(error)", next: "run `veilleur check --config \(config.config)`")
            case .layout:
                throw CommandFailure(.invalidConfiguration, "\(error)", next: "run `veilleur check --config \(config.config)`")
            case .unreadable, .unwritable:
                throw CommandFailure(.failure, "\(error)", next: "check the configuration folder's permissions")
            }
        }
        for source in plan.added {
            let tags = source.tags.isEmpty ? "" : "  [\(source.tags.joined(separator: ", "))]"
            print(TerminalText.escaped("+ \(source.name)  \(URLRedaction.redacted(source.url))\(tags)"))
        }
        let sourcesPath = ConfigurationFiles(directory: config.url).sources.path
        print(TerminalText.escaped("\(Self.count(plan.added.count, "source")) imported into \(sourcesPath), \(plan.skipped.count) skipped"))
    }

    /// The subscriptions of the file, refused whole when it is too large or not OPML.
    private func readSubscriptions() throws -> [Subscription] {
        let limits = OPMLLimits()
        if let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue, size > limits.maxBytes {
            throw CommandFailure(
                .failure, "\(file) holds \(size) bytes, more than the \(limits.maxBytes) an OPML file may hold",
                next: "export the subscriptions again, or split the file")
        }
        let bytes = try InputFile.contents(of: file)
        do {
            return try OPMLReader.subscriptions(in: bytes, limits: limits)
        } catch {
            let location = [error.line, error.column].compactMap { $0.map(String.init) }.joined(separator: ":")
            throw CommandFailure(
                .failure, "\(file)\(location.isEmpty ? "" : ":" + location): \(error.message)",
                next: "export the subscriptions from the feed reader again as OPML")
        }
    }

    /// The sources already configured; none when `sources.yaml` does not exist yet (the import creates it).
    private func existingSources() throws -> [Source] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: config.url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(
                .invalidConfiguration, "no configuration folder at \(config.config)",
                next: "run `veilleur init \(config.config)` first, or pass --config")
        }
        guard FileManager.default.fileExists(atPath: ConfigurationFiles(directory: config.url).sources.path) else { return [] }
        return try config.load().configuration.sources
    }

    /// `1 feed`, `2 feeds`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `skipped "Title" (line 12): …`, escaped: titles and URLs come from the file.
    static func describe(_ skip: SourcesImport.Skip) -> String {
        let subscription = skip.subscription
        let title = subscription.title.isEmpty ? URLRedaction.redacted(subscription.feedURL) : subscription.title
        let why: String
        switch skip.reason {
        case .alreadyConfigured(let source): why = "already configured as '\(source)'"
        case .repeated(let line): why = "same URL as line \(line)"
        case .invalidURL(let message): why = message
        }
        let flat = "skipped \"\(title)\" (line \(subscription.line)): \(why)".split(whereSeparator: \.isNewline).joined(separator: " ")
        return TerminalText.escaped(flat)
    }
}
