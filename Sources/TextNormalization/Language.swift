/// A language veilleur stems; the raw value is its ISO 639-1 code, as profiles write it (`language: fr`).
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case french = "fr"
    case english = "en"

    /// libstemmer's name for the language's Snowball algorithm.
    var snowballAlgorithm: String {
        switch self {
        case .french: "french"
        case .english: "english"
        }
    }
}
