import ArgumentParser
import Configuration
import Daemon
import Foundation
import Logging
import Model
import Storage

/// `veilleur sources`: what operators need to know about the sources.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Inspect, import and export the sources.",
        subcommands: [ListSources.self, ImportSources.self, ExportSources.self, RetireSources.self]
    )
}

/// `veilleur sources list`: one line per configured source with its health.
struct ListSources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print each source's kind, status, last success, consecutive failures, next due time and last error.",
        discussion: "With --json, one JSON object of shape veilleur.sources/1, source URLs with their credentials masked."
    )

    @Flag(name: .long, help: "Print one JSON object (veilleur.sources/1).")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions

    func run() async throws {
        let loaded = try config.load()
        let configured = loaded.configuration.sources
        let database = try state.databaseChoice(loaded.configuration.settings)
        let states: [String: SourceState]
        if !state.isMissingFile(database) {
            LogfmtHandler.bootstrapOnce(level: .warning)
            let store = try await StoreOpener.open(database.location, access: .readWrite, logger: Logger(label: "veilleur"))
            states = Dictionary(try await store.sourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            await store.close()
        } else {
            states = [:]
        }
        if json {
            print(SourcesJSON(configured: configured, states: states, adaptive: loaded.adaptiveInterval).value.rendered)
            return
        }
        var rows = [["SOURCE", "KIND", "STATUS", "INTERVAL", "ITEMS/DAY", "LAST SUCCESS", "FAILURES", "NEXT DUE", "LAST ERROR"]]
        for source in configured {
            let state = states[source.name]
            rows.append([
                source.name,
                source.kind.rawValue,
                state?.lastStatus ?? "never fetched",
                IntervalText.compact(SourcesJSON.currentInterval(of: source, state: state, adaptive: loaded.adaptiveInterval)),
                state?.itemsPerDay.map { String(format: "%.1f", $0) } ?? "-",
                Self.time(state?.lastSuccessAt),
                "\(state?.consecutiveFailures ?? 0)",
                Self.time(state?.nextDueAt),
                state?.consecutiveFailures ?? 0 > 0 ? Self.oneLine(state?.lastError ?? "") : "",
            ])
        }
        print(TextTable(rows: rows).rendered)
        for source in configured {
            guard let moved = SourcesJSON.movedURL(of: source, state: states[source.name]) else { continue }
            let how = source.kind == .discover ? "reads the feed its page announces" : "moved permanently"
            print("\(TerminalText.escaped(source.name)) \(how): \(TerminalText.escaped(URLRedaction.redacted(source.url))) -> \(TerminalText.escaped(moved))")
        }
        let failing = configured.filter { (states[$0.name]?.consecutiveFailures ?? 0) > 0 }.count
        print("\(configured.count) sources, \(failing) failing")
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(.iso8601)
    }

    /// Error texts come from servers and libraries: keep them on one line of visible characters, short
    /// enough for a terminal.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return TerminalText.escaped(flat.count > 100 ? String(flat.prefix(99)) + "…" : flat)
    }
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
struct TextTable {
    var rows: [[String]]

    var rendered: String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
