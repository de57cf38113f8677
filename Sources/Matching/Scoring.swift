import Model

/// How an item's score for a profile is computed (`docs/scoring.md` tells the same with examples).
///
/// For every occurrence count `tf` of a term in a field:
///
///     points = term weight × topic weight × field boost × 2·tf / (tf + 1)
///
/// - Field boosts: title 3, categories 2, summary 1.5, content 1, source name and tags 1.
/// - The frequency factor saturates: one hit counts 1, two hits 1.33, many hits approach 2, so a long
///   article repeating a word does not outweigh a title that names it once.
/// - The item's points are the sum over its counting topics' terms, times the source weight (the profile's
///   `sources.weights[source name]`, 1 when not listed), times the recency factor (see ``Recency``) of the
///   item's age when it is first matched.
/// - The score is the points on the profile's 0–100 scale (see ``ScoreScale``).
/// - An exclusion term found in any field, or a source the profile filters out (`include_tags`,
///   `sources.exclude`), removes the item for that profile whatever its score.
/// - The item matches when it is not excluded, at least one term was found, and the score reaches the
///   profile's threshold.
public enum Scoring {
    /// The multiplier of points earned in `field`.
    public static func boost(for field: ItemField) -> Double {
        switch field {
        case .title: 3
        case .categories: 2
        case .summary: 1.5
        case .content, .source: 1
        }
    }

    /// The saturating frequency factor: 1 for one hit, tending to 2.
    public static func frequencyFactor(_ count: Int) -> Double {
        guard count > 0 else { return 0 }
        let tf = Double(count)
        return 2 * tf / (tf + 1)
    }

    /// Points a term earns for `count` hits in `field`.
    public static func points(termWeight: Double, topicWeight: Double, field: ItemField, count: Int) -> Double {
        termWeight * topicWeight * boost(for: field) * frequencyFactor(count)
    }
}
