import ArgumentParser
import Configuration
import Daemon
import Foundation
import Matching
import Model
import Storage

/// `veilleur explain`: every contribution to one stored item's score for one profile.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a stored item scores for a profile as it is now on disk, term by term.",
        discussion: """
            ITEM is the item's row id, its GUID or its link (as printed in a digest). Each line is one term \
            found in one field: points = term weight × topic weight × field boost × 2·hits/(hits+1); the \
            sum is multiplied by the source's weight in the profile. With --json, one JSON object of shape \
            veilleur.explain/1.
            """
    )

    @Flag(name: .long, help: "Print one JSON object (veilleur.explain/1).")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @Option(name: .long, help: ArgumentHelp("The profile id (its file name without .yaml).", valueName: "profile"))
    var profile: String
    @Argument(help: ArgumentHelp("The item: row id, GUID or link.", valueName: "item"))
    var item: String

    func run() throws {
        let configuration = try config.load().configuration
        guard let chosen = configuration.profiles.first(where: { $0.id == profile }) else {
            let known = configuration.profiles.map(\.id).sorted().joined(separator: ", ")
            throw CommandFailure(.usage, "no profile '\(profile)' in \(config.config)", next: "profiles: \(known)")
        }
        let database = state.layout.database
        guard FileManager.default.fileExists(atPath: database.path) else { throw state.nothingStored(config: config) }
        guard let stored = try SQLiteStore(path: database.path).findItem(item) else {
            throw CommandFailure(
                .usage, "no stored item is named '\(item)'", next: "give its row id, its GUID or its link as a digest shows it")
        }
        let source = configuration.sources.first { $0.name == stored.source }
        let matcher = Matcher(profiles: [chosen])
        guard let evaluation = matcher.evaluate(stored.item, source: source).first else { return }
        if json {
            print(ExplainJSON(stored: stored, profile: chosen, evaluation: evaluation).value.rendered)
        } else {
            print(Self.report(stored: stored, profile: chosen, evaluation: evaluation))
        }
    }

    /// The report, every line free of characters a terminal would act on: titles and links come from feeds.
    static func report(stored: StoredItem, profile: Profile, evaluation: Evaluation) -> String {
        let safe = TerminalText.escaped
        var lines = [
            "item \(stored.id) from \(safe(stored.source)): \(safe(stored.item.title ?? "(no title)"))",
            "  \(safe(stored.item.link ?? "(no link)"))",
            "profile \(safe(profile.id)) (\(safe(profile.name))), min_score \(format(profile.minScore))",
            "",
        ]
        var rows = [["TOPIC", "TERM", "FIELD", "HITS", "WEIGHT", "BOOST", "FREQ", "POINTS"]]
        for contribution in evaluation.contributions {
            let boost = Scoring.boost(for: contribution.field)
            let frequency = Scoring.frequencyFactor(contribution.count)
            rows.append([
                safe(contribution.topic), safe(contribution.term), "\(contribution.field)", "\(contribution.count)",
                format(contribution.points / (boost * frequency)), format(boost), format(frequency),
                format(contribution.points),
            ])
        }
        lines.append(evaluation.contributions.isEmpty ? "no term of the profile is in this item" : TextTable(rows: rows).rendered)
        lines.append("")
        let sum = evaluation.contributions.reduce(0) { $0 + $1.points }
        lines.append("sum \(format(sum)) × source weight \(format(evaluation.sourceWeight)) = score \(format(evaluation.score))")
        lines.append(safe(verdict(evaluation, minScore: profile.minScore)))
        return lines.joined(separator: "\n")
    }

    /// The verdict in words; ``ExplainJSON/verdict`` names the same cases for scripts.
    static func verdict(_ evaluation: Evaluation, minScore: Double) -> String {
        switch evaluation.exclusion {
        case .term(let term): return "not alerted: the exclusion '\(term)' is in the item"
        case .excludedSource: return "not alerted: the profile excludes this source"
        case .untaggedSource: return "not alerted: the source has none of the profile's include_tags"
        case nil:
            if evaluation.contributions.isEmpty { return "not alerted: no term found" }
            return evaluation.score >= minScore
                ? "alerted: \(format(evaluation.score)) ≥ \(format(minScore))"
                : "not alerted: \(format(evaluation.score)) < \(format(minScore))"
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
