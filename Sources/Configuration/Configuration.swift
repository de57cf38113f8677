import Foundation
import Model
import Yams

/// Everything the daemon reads from its configuration folder.
///
/// Layout of the folder:
/// - `veilleur.yaml` (optional): ``Settings``.
/// - `sources.yaml` (required): the `sources:` list.
/// - `profiles/` (required folder): one `<id>.yaml` (or `.yml`) file per ``Profile``. An empty folder is valid:
///   the daemon then fetches and stores without matching, and callers can warn on `profiles.isEmpty`.
public struct Configuration: Sendable {
    /// Daemon-wide settings.
    public var settings: Settings
    /// Sources in file order, names unique.
    public var sources: [Source]
    /// Profiles ordered by id.
    public var profiles: [Profile]

    /// Creates a configuration from its parts.
    public init(settings: Settings = Settings(), sources: [Source], profiles: [Profile]) {
        self.settings = settings
        self.sources = sources
        self.profiles = profiles
    }

    /// Reads and validates the folder, reporting every problem of every file at once.
    public static func load(directory: URL) throws(ConfigurationError) -> Configuration {
        var loader = Loader(directory: directory)
        let configuration = loader.load()
        guard loader.issues.isEmpty, let configuration else {
            throw ConfigurationError(issues: loader.issues)
        }
        return configuration
    }
}

/// Reads the files of one configuration folder in dependency order: settings, sources, then profiles.
private struct Loader {
    let directory: URL
    var issues: [ConfigIssue] = []

    init(directory: URL) {
        self.directory = directory
    }

    mutating func load() -> Configuration? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fileIssue(directory.path, "configuration folder not found")
            return nil
        }

        var settings = Settings()
        let settingsURL = directory.appendingPathComponent("veilleur.yaml")
        if FileManager.default.fileExists(atPath: settingsURL.path) {
            settings = parse(settingsURL) { root, reader in SettingsReader.read(root, with: &reader) } ?? settings
        }

        let sourcesURL = directory.appendingPathComponent("sources.yaml")
        var sources: [Source] = []
        if FileManager.default.fileExists(atPath: sourcesURL.path) {
            sources = parse(sourcesURL) { root, reader in
                SourcesReader.read(root, defaultInterval: settings.defaultInterval, with: &reader)
            } ?? []
        } else {
            fileIssue(sourcesURL.path, "missing sources file; create it with a 'sources:' list of feeds")
        }

        let profiles = loadProfiles(sources: sources)
        return Configuration(settings: settings, sources: sources, profiles: profiles)
    }

    private mutating func loadProfiles(sources: [Source]) -> [Profile] {
        let folder = directory.appendingPathComponent("profiles")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fileIssue(folder.path, "missing profiles folder; create it with one <id>.yaml file per profile")
            return []
        }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") && ["yaml", "yml"].contains($0.pathExtension) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            fileIssue(folder.path, "cannot list profiles: \(error.localizedDescription)")
            return []
        }

        var profiles: [Profile] = []
        var seen: [String: String] = [:]
        for file in files {
            let id = file.deletingPathExtension().lastPathComponent
            if let other = seen[id] {
                fileIssue(file.path, "profile id '\(id)' is already used by \(other); rename one of the files")
                continue
            }
            seen[id] = file.lastPathComponent
            let profile = parse(file) { root, reader in
                ProfileReader.read(root, id: id, sources: sources, with: &reader)
            }
            if let profile = profile.flatMap({ $0 }) {
                profiles.append(profile)
            }
        }
        return profiles
    }

    /// Reads, composes and walks one file, collecting its issues.
    private mutating func parse<Value>(_ url: URL, _ read: (Node, inout YAMLReader) -> Value) -> Value? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            fileIssue(url.path, "cannot read file: \(error.localizedDescription)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            fileIssue(url.path, "the file is not valid UTF-8 text")
            return nil
        }
        var reader = YAMLReader(file: url.path)
        defer { issues += reader.issues }
        guard let root = reader.compose(text) else { return nil }
        return read(root, &reader)
    }

    private mutating func fileIssue(_ path: String, _ message: String) {
        issues.append(ConfigIssue(file: path, line: 0, column: 0, message: message))
    }
}
