import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a configuration folder is made of.
///
/// The loader reads exactly these and the daemon watches exactly these, so the two never disagree, and
/// nothing else in the folder (a `.git` folder, notes, editor swap files) is read or watched.
public struct ConfigurationFiles: Sendable, Equatable {
    /// The configuration folder.
    public let directory: URL

    /// The files of the configuration folder `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// `veilleur.yaml`, the optional settings.
    public var settings: URL { directory.appendingPathComponent("veilleur.yaml") }
    /// `sources.yaml`.
    public var sources: URL { directory.appendingPathComponent("sources.yaml") }
    /// `profiles/`, holding one file per profile.
    public var profilesFolder: URL { directory.appendingPathComponent("profiles", isDirectory: true) }
    /// `vocabularies/` (optional), holding one file per shared vocabulary.
    public var vocabulariesFolder: URL { directory.appendingPathComponent("vocabularies", isDirectory: true) }

    /// The profile files, sorted by name: regular files (or links to them) directly in `profiles/`, named
    /// `*.yaml` or `*.yml` and not hidden. Throws when the folder cannot be listed.
    public func profiles() throws -> [URL] {
        try Self.yamlFiles(in: profilesFolder)
    }

    /// The vocabulary files, chosen and sorted as ``profiles()`` are; none when there is no `vocabularies/`
    /// folder. Throws when the folder exists but cannot be listed.
    public func vocabularies() throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: vocabulariesFolder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return [] }
        return try Self.yamlFiles(in: vocabulariesFolder)
    }

    /// The settings and sources files (whether or not they exist, so that creating one is noticed), then
    /// the profile and vocabulary files there are now: a change to a vocabulary reloads every profile.
    public func all() -> [URL] {
        [settings, sources] + ((try? profiles()) ?? []) + ((try? vocabularies()) ?? [])
    }

    private static func yamlFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { file in
                !file.lastPathComponent.hasPrefix(".") && ["yaml", "yml"].contains(file.pathExtension)
                    && isRegularFile(file)
            }
            .map { (name: $0.lastPathComponent, url: $0) }
            .sorted { $0.name < $1.name }
            .map(\.url)
    }

    /// Whether `url` is a regular file, following links: anything else (a folder, a FIFO that would block
    /// the reader) is not configuration.
    static func isRegularFile(_ url: URL) -> Bool {
        var status = stat()
        return stat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
