/// A language veilleur compares words by stem in.
public enum StemLanguage: String, Sendable, Hashable, CaseIterable {
    /// French.
    case french = "fr"
    /// English.
    case english = "en"

    /// The stemming language of a profile's `language` (`fr`, `en`, `fr-FR`, `en_GB`), or nil when
    /// veilleur has no stemmer for it.
    public init?(profileLanguage: String) {
        let primary = profileLanguage.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
        guard let primary, let language = StemLanguage(rawValue: String(primary)) else { return nil }
        self = language
    }
}
