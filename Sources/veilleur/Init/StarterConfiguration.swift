import ArgumentParser
import Configuration
import Model

/// The files `veilleur init` writes: a commented `veilleur.yaml`, a `sources.yaml` with a few public
/// feeds, one profile per stakeholder kind, in French or English, and the JSON Schemas of profiles and
/// vocabularies.
///
/// Profiles use only what `check` accepts today and carry the modeline that lets YAML editors check
/// them against `schema/profile.schema.json` beside the `profiles/` folder.
enum StarterConfiguration {
    /// The language of the comments, the sample sources and the profiles (their `language:` too).
    enum Language: String, CaseIterable, ExpressibleByArgument, Sendable {
        case fr, en
    }

    /// The first line of every profile written.
    static let schemaLine = "# yaml-language-server: $schema=../schema/profile.schema.json"

    /// Paths relative to the configuration folder, with their text, in the order they are written.
    static func files(language: Language, kinds: [StakeholderKind]) -> [(path: String, text: String)] {
        let text: any StarterTexts.Type = language == .fr ? FrenchStarter.self : EnglishStarter.self
        var files = [("veilleur.yaml", text.settings), ("sources.yaml", text.sources)]
        for kind in StakeholderKind.allCases where kinds.contains(kind) {
            files.append(("profiles/\(kind.rawValue).yaml", schemaLine + "\n" + text.profile(kind)))
        }
        files += ConfigurationSchemas.all.map { ("schema/\($0.file)", $0.text) }
        return files
    }
}

/// The texts of a starter configuration in one language.
protocol StarterTexts {
    static var settings: String { get }
    static var sources: String { get }
    /// The profile of `kind`, without the schema line.
    static func profile(_ kind: StakeholderKind) -> String
}

extension StakeholderKind: ExpressibleByArgument {
    /// Reads `filière` as well as `filiere`, as profile files do.
    public init?(argument: String) {
        self.init(spelling: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
