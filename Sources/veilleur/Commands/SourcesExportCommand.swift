import ArgumentParser
import Configuration
import Daemon
import Model
import Parsing

/// `veilleur sources export`: the configured sources as OPML 2.0, for a feed reader to import.
struct ExportSources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the sources as OPML 2.0 for a feed reader to import.",
        discussion: """
            One outline per feed source, type rss, named after the source (pages are left out: a feed reader \
            subscribing to one would find no feed); its tags go into the category attribute \
            and the first one also makes a folder, which is what readers build their folders from. Intervals \
            and headers have no place in OPML and are left out. URLs are printed as configured, credentials \
            included, since a masked URL no longer fetches anything once imported: write the output to a file \
            only you can read, or pass --mask-credentials to share the list.
            """
    )

    @Flag(name: .long, help: "Replace the user info and credential-like query parameters of URLs with ***, to share the list.")
    var maskCredentials = false
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let configured = try config.load().configuration.sources
        var sources = configured.filter { $0.kind == .feed }
        if maskCredentials {
            for index in sources.indices { sources[index].url = URLRedaction.redacted(sources[index].url) }
        }
        print(OPMLWriter.document(title: "veilleur sources", sources: sources), terminator: "")
        if sources.count < configured.count {
            StandardError.shared.writeLine(
                "veilleur: \(configured.count - sources.count) page source(s) left out — OPML lists feeds, and a reader cannot subscribe to a page")
        }
        let withHeaders = sources.filter { !$0.headers.isEmpty }.count
        if withHeaders > 0 {
            StandardError.shared.writeLine(
                "veilleur: \(withHeaders) source(s) send HTTP headers, which OPML cannot carry — set them again in the reader that imports the list")
        }
    }
}
