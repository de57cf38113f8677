import Configuration
import Matching
import Model
import Storage

/// `explain --json`: every term behind a stored item's score for a profile, for scripts.
///
/// Shape, version `veilleur.explain/2` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.explain/2",
///  "item": {"id": 42, "source": "usine-nouvelle", "title": "…" | null, "link": "…" | null, "guid": "…" | null,
///           "date": "2025-03-14T08:00:00Z" | null, "first_seen": "2025-03-14T09:12:00Z" | null},
///  "profile": {"id": "filiere-hydrogene", "name": "…", "threshold": 40, "min_score": 2 | null},
///  "contributions": [
///    {"topic": "Export", "term": "Team France Export", "field": "title" | "categories" | "summary" | "content" | "source",
///     "hits": 1, "weight": 3, "boost": 3, "frequency": 1, "points": 9,
///     "list": "any" | "phrases" | "all", "kind": "words" | "prefix" | "regex" | "near",
///     "within": 5 | null, "ordered": true | null, "vocabulary": "communes" | null, "stem": true | false | null,
///     "fields": ["title"] | null}
///  ],
///  "set_aside": [{"topic": "…", "reason": "excluded_by" | "missing" | "no_any_term", "term": "…" | null}],
///  "sum": 9, "source_weight": 1, "recency": 1, "points": 9, "reference": 9, "score": 50, "threshold": 40,
///  "alerted": true,
///  "verdict": "alerted" | "below_threshold" | "no_term" | "excluded_term" | "excluded_source" | "untagged_source",
///  "excluded_term": "nécrologie" | null}
/// ```
/// `points = weight × boost × frequency` for each term found in a field (`weight` is the term's weight
/// times its topic's), strongest first; the item's `points = sum × source_weight × recency`, and
/// `score = 100 · x / (x + 1)` with `x = points / reference` (see `docs/scoring.md`). `threshold` is on the
/// score's 0–100 scale; `profile.min_score` is the raw threshold it comes from when the profile sets
/// `min_score` rather than `threshold`. `within` and `ordered` are set for `near` groups only; `stem` is
/// null when the profile leaves stemming to the default; `fields` is null for the default fields.
/// `recency` is computed at `first_seen`, when the crawler scored the item (1 when either date is missing).
/// Numbers are rounded to three decimals. Text comes from feeds and is escaped as every JSON output of veilleur.
struct ExplainJSON {
    static let schema = "veilleur.explain/2"

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
            evaluation.contributions.isEmpty ? ("no_term", nil) : evaluation.alerted ? ("alerted", nil) : ("below_threshold", nil)
        }
    }

    var value: JSONValue {
        let verdict = self.verdict
        return .object([
            ("schema", .string(Self.schema)),
            ("item", .object([
                ("id", .integer(Int(stored.id))),
                ("source", .string(stored.source)),
                ("title", .optional(stored.item.title)),
                ("link", .optional(stored.item.link)),
                ("guid", .optional(stored.item.id)),
                ("date", .date(stored.item.date)),
                ("first_seen", .date(stored.firstSeenAt)),
            ])),
            ("profile", .object([
                ("id", .string(profile.id)), ("name", .string(profile.name)),
                ("threshold", .measure(evaluation.scale.threshold)),
                ("min_score", profile.threshold == nil ? .measure(profile.minScore) : .null),
            ])),
            ("contributions", .array(evaluation.contributions.map(Self.contribution))),
            ("set_aside", .array(evaluation.setAside.map(Self.setAside))),
            ("sum", .measure(evaluation.sum)),
            ("source_weight", .measure(evaluation.sourceWeight)),
            ("recency", .measure(evaluation.recency)),
            ("points", .measure(evaluation.points)),
            ("reference", .measure(evaluation.scale.reference)),
            ("score", .measure(evaluation.score)),
            ("threshold", .measure(evaluation.scale.threshold)),
            ("alerted", .bool(verdict.name == "alerted")),
            ("verdict", .string(verdict.name)),
            ("excluded_term", .optional(verdict.term)),
        ])
    }

    private static func contribution(_ contribution: Contribution) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("topic", .string(contribution.topic)),
            ("term", .string(contribution.term)),
            ("field", .string(contribution.field.rawValue)),
            ("hits", .integer(contribution.count)),
            ("weight", .measure(contribution.weight)),
            ("boost", .measure(Scoring.boost(for: contribution.field))),
            ("frequency", .measure(Scoring.frequencyFactor(contribution.count))),
            ("points", .measure(contribution.points)),
        ]
        let construct = contribution.construct
        var kind = "words", within = JSONValue.null, ordered = JSONValue.null
        switch construct?.kind {
        case .words?, nil: break
        case .prefix?: kind = "prefix"
        case .regex?: kind = "regex"
        case .near(let window, let inOrder)?:
            kind = "near"
            within = .integer(window)
            ordered = .bool(inOrder)
        }
        fields += [
            ("list", .string(construct?.list.rawValue ?? "any")),
            ("kind", .string(kind)),
            ("within", within),
            ("ordered", ordered),
            ("vocabulary", .optional(construct?.vocabulary)),
            ("stem", construct?.stem.map(JSONValue.bool) ?? .null),
            ("fields", construct?.fields.map { .array($0.map { .string($0.rawValue) }) } ?? .null),
        ]
        return .object(fields)
    }

    private static func setAside(_ record: Evaluation.SetAside) -> JSONValue {
        let (reason, term): (String, String?) =
            switch record.reason {
            case .excludedBy(let term): ("excluded_by", term)
            case .missing(let term): ("missing", term)
            case .noAnyTerm: ("no_any_term", nil)
            }
        return .object([("topic", .string(record.topic)), ("reason", .string(reason)), ("term", .optional(term))])
    }
}
