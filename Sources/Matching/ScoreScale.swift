import Model

/// The 0–100 scale that makes a threshold mean the same in every profile, whatever its weights and its
/// number of terms.
///
/// A profile's *reference* is the points its strongest term earns for one hit in its best field: the
/// largest `term weight × topic weight × boost` over every `any`, `phrases` and `all` term and every field
/// the term is searched in. With `x = points / reference`, where `points` is the raw sum times the source
/// weight and the recency factor:
///
///     score = 100 · x / (x + 1)
///
/// so the reference item scores 50, three times its points 75, nine times 90; the scale saturates as the
/// frequency factor does, and never reaches 100.
public struct ScoreScale: Sendable, Equatable {
    /// The points of one hit of the profile's strongest term in its best field.
    public var reference: Double
    /// The threshold on the scale: the profile's `threshold`, or its `min_score` (raw points) on the scale.
    public var threshold: Double

    /// Creates a scale.
    public init(reference: Double, threshold: Double) {
        self.reference = reference
        self.threshold = threshold
    }

    /// The scale of `profile`.
    public init(_ profile: Profile) {
        reference = Self.reference(of: profile)
        threshold = profile.threshold ?? Self.normalized(profile.minScore, reference: reference)
    }

    /// The normalised score of `points`.
    public func score(_ points: Double) -> Double {
        Self.normalized(points, reference: reference)
    }

    /// `100 · x / (x + 1)` with `x = points / reference`.
    public static func normalized(_ points: Double, reference: Double) -> Double {
        guard points > 0, reference > 0 else { return 0 }
        let x = points / reference
        return 100 * x / (x + 1)
    }

    /// The largest points one hit of one term can earn in `profile`; 1 for a profile without terms.
    public static func reference(of profile: Profile) -> Double {
        var strongest = 0.0
        for topic in profile.topics {
            for term in topic.terms + topic.all.flatMap(\.terms) {
                let fields = term.fields ?? topic.fields ?? ItemField.defaults
                let boost = fields.map(Scoring.boost(for:)).max() ?? 0
                strongest = max(strongest, term.weight * topic.weight * boost)
            }
        }
        return strongest > 0 ? strongest : 1
    }
}
