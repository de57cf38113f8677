import Configuration
import Matching
import Model
import Storage

/// `explain --json`: every term behind a stored item's score for a profile, for scripts.
///
/// Shape, version `veilleur.explain/1` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.explain/1",
///  "item": {"id": 42, "source": "usine-nouvelle", "title": "…" | null, "link": "…" | null, "guid": "…" | null},
///  "profile": {"id": "filiere-hydrogene", "name": "…", "min_score": 2},
///  "contributions": [
///    {"topic": "Export", "term": "Team France Export", "field": "title" | "categories" | "summary" | "content",
///     "hits": 1, "weight": 3, "boost": 3, "frequency": 1, "points": 9}
///  ],
///  "sum": 9, "source_weight": 1, "score": 9, "alerted": true,
///  "verdict": "alerted" | "below_min_score" | "no_term" | "excluded_term" | "excluded_source" | "untagged_source",
///  "excluded_term": "nécrologie" | null}
/// ```
/// `points = weight × boost × frequency` for each term found in a field (`weight` is the term's weight
/// times its topic's), strongest first; `score = sum × source_weight`. `alerted` is true when the verdict
/// is `alerted`. `excluded_term` names the exclusion found when the verdict is `excluded_term`. Numbers
/// are rounded to three decimals. Text comes from feeds and is escaped as every JSON output of veilleur.
struct ExplainJSON {
    static let schema = "veilleur.explain/1"

    var stored: StoredItem
    var profile: Profile
    var evaluation: Evaluation

    /// The verdict's name in the shape, and the exclusion term when there is one.
    var verdict: (name: String, term: String?) {
        switch evaluation.exclusion {
        case .term(let term): ("excluded_term", term)
        case .excludedSource: ("excluded_source", nil)
        case .untaggedSource: ("untagged_source", nil)
        case nil:
            evaluation.contributions.isEmpty ? ("no_term", nil)
                : evaluation.score >= profile.minScore ? ("alerted", nil) : ("below_min_score", nil)
        }
    }

    var value: JSONValue {
        let contributions = evaluation.contributions.map { contribution -> JSONValue in
            let boost = Scoring.boost(for: contribution.field)
            let frequency = Scoring.frequencyFactor(contribution.count)
            return .object([
                ("topic", .string(contribution.topic)),
                ("term", .string(contribution.term)),
                ("field", .string("\(contribution.field)")),
                ("hits", .integer(contribution.count)),
                ("weight", .measure(contribution.points / (boost * frequency))),
                ("boost", .measure(boost)),
                ("frequency", .measure(frequency)),
                ("points", .measure(contribution.points)),
            ])
        }
        let verdict = self.verdict
        return .object([
            ("schema", .string(Self.schema)),
            ("item", .object([
                ("id", .integer(Int(stored.id))),
                ("source", .string(stored.source)),
                ("title", .optional(stored.item.title)),
                ("link", .optional(stored.item.link)),
                ("guid", .optional(stored.item.id)),
            ])),
            ("profile", .object([
                ("id", .string(profile.id)), ("name", .string(profile.name)), ("min_score", .measure(profile.minScore)),
            ])),
            ("contributions", .array(contributions)),
            ("sum", .measure(evaluation.contributions.reduce(0) { $0 + $1.points })),
            ("source_weight", .measure(evaluation.sourceWeight)),
            ("score", .measure(evaluation.score)),
            ("alerted", .bool(verdict.name == "alerted")),
            ("verdict", .string(verdict.name)),
            ("excluded_term", .optional(verdict.term)),
        ])
    }
}
