/// A language veilleur stems; the raw value is its ISO 639-1 code, as profiles write it (`language: fr`).
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case french = "fr"
    case english = "en"

    /// The language of a profile's `language` field (`fr`, `en`, `fr-FR`, `en_GB`), or nil when veilleur
    /// has no stemmer for it.
    public init?(profileLanguage: String) {
        let primary = profileLanguage.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
        guard let primary, let language = Language(rawValue: String(primary)) else { return nil }
        self = language
    }

    /// libstemmer's name for the language's Snowball algorithm.
    var snowballAlgorithm: String {
        switch self {
        case .french: "french"
        case .english: "english"
        }
    }
}
