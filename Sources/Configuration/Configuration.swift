import Dispatch
import Foundation
import Model
import Synchronization
import Yams

/// Everything the daemon reads from its configuration folder.
///
/// Layout of the folder:
/// - `veilleur.yaml` (optional): ``Settings``.
/// - `sources.yaml` (required): the `sources:` list.
/// - `profiles/` (required folder): one `<id>.yaml` (or `.yml`) file per ``Profile``. An empty folder is valid:
///   the daemon then fetches and stores without matching, and callers can warn on `profiles.isEmpty`.
/// - `vocabularies/` (optional folder): one `<name>.yaml` file per ``Vocabulary``, used by profiles as `$name`.
public struct Configuration: Sendable {
    /// Daemon-wide settings.
    public var settings: Settings
    /// Sources in file order, names unique.
    public var sources: [Source]
    /// Profiles ordered by id, vocabularies expanded into their terms.
    public var profiles: [Profile]
    /// Shared vocabularies ordered by name.
    public var vocabularies: [Vocabulary]

    /// Creates a configuration from its parts.
    public init(settings: Settings = Settings(), sources: [Source], profiles: [Profile], vocabularies: [Vocabulary] = []) {
        self.settings = settings
        self.sources = sources
        self.profiles = profiles
        self.vocabularies = vocabularies
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

/// Reads the files of one configuration folder in dependency order: settings, sources, vocabularies, then profiles.
private struct Loader {
    let files: ConfigurationFiles
    var issues: [ConfigIssue] = []

    init(directory: URL) {
        files = ConfigurationFiles(directory: directory)
    }

    init(files: ConfigurationFiles) {
        self.files = files
    }

    mutating func load() -> Configuration? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: files.directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fileIssue(files.directory.path, "configuration folder not found")
            return nil
        }

        var settings = Settings()
        if FileManager.default.fileExists(atPath: files.settings.path) {
            let directory = files.directory
            settings = parse(files.settings) { root, reader in SettingsReader.read(root, directory: directory, with: &reader) } ?? settings
        }

        var sources: [Source] = []
        if FileManager.default.fileExists(atPath: files.sources.path) {
            sources = parse(files.sources, within: .sources) { root, reader in
                SourcesReader.read(root, defaultInterval: settings.defaultInterval, with: &reader)
            } ?? []
        } else {
            fileIssue(files.sources.path, "missing sources file; create it with a 'sources:' list of feeds")
        }

        let vocabularies = loadVocabularies()
        let profiles = loadProfiles(sources: sources, vocabularies: vocabularies, canEmail: settings.smtp != nil)
        return Configuration(
            settings: settings, sources: sources, profiles: profiles,
            vocabularies: vocabularies.values.sorted { $0.name < $1.name })
    }

    private mutating func loadVocabularies() -> [String: Vocabulary] {
        let vocabularyFiles: [URL]
        do {
            vocabularyFiles = try files.vocabularies()
        } catch {
            fileIssue(files.vocabulariesFolder.path, "cannot list vocabularies: \(error.localizedDescription)")
            return [:]
        }
        var vocabularies: [String: Vocabulary] = [:]
        var seen: [String: String] = [:]
        for file in vocabularyFiles {
            let name = file.deletingPathExtension().lastPathComponent
            if let problem = VocabularyName.problem(with: name) {
                fileIssue(file.path, problem)
                continue
            }
            if let other = seen[name] {
                fileIssue(file.path, "vocabulary '\(name)' is already declared by \(other); remove one of the files")
                continue
            }
            seen[name] = file.lastPathComponent
            if let vocabulary = parse(file, { root, reader in VocabularyReader.read(root, name: name, with: &reader) }) ?? nil {
                vocabularies[name] = vocabulary
            }
        }
        return vocabularies
    }

    /// - Parameter canEmail: whether `veilleur.yaml` sets `smtp`, without which no profile may ask for e-mail.
    private mutating func loadProfiles(sources: [Source], vocabularies: [String: Vocabulary], canEmail: Bool) -> [Profile] {
        let folder = files.profilesFolder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            fileIssue(folder.path, "missing profiles folder; create it with one <id>.yaml file per profile")
            return []
        }
        let profileFiles: [URL]
        do {
            profileFiles = try files.profiles()
        } catch {
            fileIssue(folder.path, "cannot list profiles: \(error.localizedDescription)")
            return []
        }

        var valid: [(file: URL, id: String)] = []
        var seen: [String: String] = [:]
        for file in profileFiles {
            let id = file.deletingPathExtension().lastPathComponent
            if let problem = ProfileID.problem(with: id) {
                fileIssue(file.path, problem)
                continue
            }
            if let other = seen[id] {
                fileIssue(file.path, "profile id '\(id)' is already used by \(other); rename one of the files")
                continue
            }
            seen[id] = file.lastPathComponent
            valid.append((file, id))
        }

        // Profiles are read on every core at once, each file collecting its own issues, all drawing on one
        // term budget: with a thousand profiles, reading them was half of a crawl in which nothing changed.
        let files = self.files
        let pool = TermPool()
        let named = valid
        var read = Self.concurrentMap(named.count) { index in
            var budget = TermBudget(pool: pool)
            return Self.readProfile(named[index], files: files, sources: sources, vocabularies: vocabularies, budget: &budget, canEmail: canEmail)
        }
        if read.contains(where: { $0.spent }) {
            // Which term passes the budget depends on the order the files are read in: read them again one
            // after the other, so that the same one is reported every time.
            var budget = TermBudget()
            read = named.map { Self.readProfile($0, files: files, sources: sources, vocabularies: vocabularies, budget: &budget, canEmail: canEmail) }
        }
        var profiles: [Profile] = []
        for file in read {
            issues += file.issues
            if let profile = file.profile { profiles.append(profile) }
        }
        return profiles
    }

    /// One profile file read on its own: its profile (nil when it cannot be read), its issues, and whether the
    /// term budget ran out while reading it.
    private static func readProfile(
        _ named: (file: URL, id: String), files: ConfigurationFiles, sources: [Source], vocabularies: [String: Vocabulary],
        budget: inout TermBudget, canEmail: Bool
    ) -> (profile: Profile?, issues: [ConfigIssue], spent: Bool) {
        var loader = Loader(files: files)
        let profile = loader.parse(named.file) { root, reader in
            ProfileReader.read(
                root, id: named.id, sources: sources, vocabularies: vocabularies, budget: &budget, canEmail: canEmail, with: &reader)
        }
        return (profile.flatMap { $0 }, loader.issues, budget.isSpent)
    }

    /// `transform` of every index below `count`, in index order, computed on every core at once.
    private static func concurrentMap<Value: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let results = Mutex<[Value?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let workers = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let value = transform(index)
                results.withLock { $0[index] = value }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Reads, composes and walks one file, collecting its issues.
    private mutating func parse<Value>(
        _ url: URL, within limits: FileLimits = .standard, _ read: (Node, inout YAMLReader) -> Value
    ) -> Value? {
        guard let text = readText(url, within: limits) else { return nil }
        var reader = YAMLReader(file: url.path)
        defer { issues += reader.issues }
        guard let root = reader.compose(text, within: limits) else { return nil }
        return read(root, &reader)
    }

    /// The file's text, read only when it is a regular file of at most `limits.bytes`.
    private mutating func readText(_ url: URL, within limits: FileLimits) -> String? {
        guard ConfigurationFiles.isRegularFile(url) else {
            fileIssue(url.path, "not a regular file; a configuration file must be a plain text file")
            return nil
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: limits.bytes + 1) ?? Data()
        } catch {
            fileIssue(url.path, "cannot read file: \(error.localizedDescription)")
            return nil
        }
        guard data.count <= limits.bytes else {
            fileIssue(url.path, "the file is larger than \(limits.bytes >> 20) MiB, the most this configuration file may hold")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            fileIssue(url.path, "the file is not valid UTF-8 text")
            return nil
        }
        return text
    }

    private mutating func fileIssue(_ path: String, _ message: String) {
        issues.append(ConfigIssue(file: path, line: 0, column: 0, message: message))
    }
}
