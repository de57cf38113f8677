import ArgumentParser
import Configuration
import Daemon
import Foundation
import Matching
import Model
import Storage

/// `veilleur explain`: every contribution to one stored item's score for one profile.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a stored item scores for a profile as it is now on disk, term by term.",
        discussion: """
            ITEM is the item's row id, its GUID or its link (as printed in a digest). Each line is one term \
            found in one field, with how the profile writes it: points = term weight × topic weight × field \
            boost × 2·hits/(hits+1). The sum is multiplied by the source's weight and the recency factor of \
            the item's age when first stored, then put on the profile's 0-100 scale: 100·x/(x+1) with x the \
            points over the profile's reference (its strongest term once in its best field); see \
            docs/scoring.md. Topics set aside are named with their reason. With --json, one JSON object of \
            shape veilleur.explain/2.
            """
    )

    @Flag(name: .long, help: "Print one JSON object (veilleur.explain/2).")
    var json = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @Option(name: .long, help: ArgumentHelp("The profile id (its file name without .yaml).", valueName: "profile"))
    var profile: String
    @Argument(help: ArgumentHelp("The item: row id, GUID or link.", valueName: "item"))
    var item: String

    func run() async throws {
        let configuration = try config.load().configuration
        let chosen = try config.profile(profile, in: configuration)
        let database = try state.databaseChoice(configuration.settings)
        guard !state.isMissingFile(database) else { throw state.nothingStored(database, config: config) }
        let store = try await state.openReadOnly(database)
        let found = try await store.findItem(item)
        await store.close()
        guard let stored = found else {
            throw CommandFailure(
                .usage, "no stored item is named '\(item)'", next: "give its row id, its GUID or its link as a digest shows it")
        }
        let source = configuration.sources.first { $0.name == stored.source }
        let matcher = Matcher(profiles: [chosen])
        // The crawler scored the item when it first stored it; the same moment gives the same recency.
        guard let evaluation = matcher.evaluate(stored.item, source: source, matchedAt: stored.firstSeenAt).first else { return }
        if json {
            print(ExplainJSON(stored: stored, profile: chosen, evaluation: evaluation).value.rendered)
        } else {
            print(Self.report(stored: stored, profile: chosen, evaluation: evaluation))
        }
    }

    /// The report, every line free of characters a terminal would act on: titles and links come from feeds.
    static func report(stored: StoredItem, profile: Profile, evaluation: Evaluation) -> String {
        let safe = TerminalText.escaped
        let dates = [
            stored.item.date.map { "dated \($0.formatted(.iso8601))" },
            stored.firstSeenAt.map { "first seen \($0.formatted(.iso8601))" },
        ].compactMap { $0 }
        var lines = [
            "item \(stored.id) from \(safe(stored.source)): \(safe(stored.item.title ?? "(no title)"))",
            "  \(safe(stored.item.link ?? "(no link)"))",
        ]
        if !dates.isEmpty { lines.append("  " + dates.joined(separator: ", ")) }
        lines += ["profile \(safe(profile.id)) (\(safe(profile.name))), \(thresholdText(profile, evaluation))", ""]
        var rows = [["TOPIC", "TERM", "FIELD", "HITS", "WEIGHT", "BOOST", "FREQ", "POINTS", "HOW"]]
        for contribution in evaluation.contributions {
            rows.append([
                safe(contribution.topic), safe(contribution.term), contribution.field.rawValue, "\(contribution.count)",
                format(contribution.weight), format(Scoring.boost(for: contribution.field)),
                format(Scoring.frequencyFactor(contribution.count)), format(contribution.points),
                safe(contribution.construct?.summary ?? ""),
            ])
        }
        lines.append(evaluation.contributions.isEmpty ? "no term of the profile is in this item" : TextTable(rows: rows).rendered)
        for record in evaluation.setAside {
            lines.append(safe("set aside: topic '\(record.topic)', \(reason(record.reason))"))
        }
        lines.append("")
        lines.append(
            "sum \(format(evaluation.sum)) × source weight \(format(evaluation.sourceWeight)) × recency "
                + "\(format(evaluation.recency)) = points \(format(evaluation.points))")
        lines.append(
            "score = 100·x/(x+1) with x = points / reference \(format(evaluation.scale.reference)) "
                + "(the strongest term once in its best field) = \(format(evaluation.score))")
        lines.append(safe(verdict(evaluation)))
        return lines.joined(separator: "\n")
    }

    /// The threshold on the 0–100 scale, and the `min_score` it comes from when the profile gives one.
    static func thresholdText(_ profile: Profile, _ evaluation: Evaluation) -> String {
        let threshold = "threshold \(format(evaluation.scale.threshold))"
        return profile.threshold == nil ? threshold + " (min_score \(format(profile.minScore)) in points)" : threshold
    }

    /// Why a topic that found something does not count.
    static func reason(_ reason: Evaluation.SetAside.Reason) -> String {
        switch reason {
        case .excludedBy(let term): "its none term '\(term)' is in the item"
        case .missing(let term): "its all entry '\(term)' is missing"
        case .noAnyTerm: "its all entries are found but none of its any terms"
        }
    }

    /// The verdict in words; ``ExplainJSON/verdict`` names the same cases for scripts.
    static func verdict(_ evaluation: Evaluation) -> String {
        switch evaluation.exclusion {
        case .term(let term): return "not alerted: the exclusion '\(term)' is in the item"
        case .excludedSource: return "not alerted: the profile excludes this source"
        case .untaggedSource: return "not alerted: the source has none of the profile's include_tags"
        case nil:
            if evaluation.contributions.isEmpty { return "not alerted: no term found" }
            let threshold = evaluation.scale.threshold
            return evaluation.alerted
                ? "alerted: \(format(evaluation.score)) ≥ \(format(threshold))"
                : "not alerted: \(format(evaluation.score)) < \(format(threshold))"
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
