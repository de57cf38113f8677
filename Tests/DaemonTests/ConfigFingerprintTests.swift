import Daemon
import Foundation
import Testing

/// The watcher looks at the files the configuration is made of and at nothing else in its folder.
@Suite("What the configuration watcher sees")
struct ConfigFingerprintTests {
    private func configuredFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: a\n    url: https://a.example/\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        return folder
    }

    @Test("A commit under .git, notes, hidden and nested files leave the fingerprint unchanged")
    func unrelatedFilesAreIgnored() throws {
        let folder = try configuredFolder()
        let before = ConfigFingerprint(of: folder.configDirectory)
        try folder.write("ref: refs/heads/main\n", to: "config/.git/HEAD")
        try folder.write("blob", to: "config/.git/objects/ab/cdef")
        try folder.write("notes", to: "config/NOTES.md")
        try folder.write("swap", to: "config/profiles/.circulaire.yaml.swp")
        try folder.write(Fixtures.profile, to: "config/profiles/.draft.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/archive/old.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/readme.txt")
        #expect(ConfigFingerprint(of: folder.configDirectory) == before)
    }

    @Test("Editing a profile changes the fingerprint")
    func editedProfile() throws {
        let folder = try configuredFolder()
        let before = ConfigFingerprint(of: folder.configDirectory)
        try folder.write(Fixtures.profile + "max_items: 5\n", to: "config/profiles/circulaire.yaml")
        #expect(ConfigFingerprint(of: folder.configDirectory) != before)
    }

    @Test("Adding a profile changes the fingerprint")
    func addedProfile() throws {
        let folder = try configuredFolder()
        let before = ConfigFingerprint(of: folder.configDirectory)
        try folder.write(Fixtures.profile, to: "config/profiles/second.yml")
        #expect(ConfigFingerprint(of: folder.configDirectory) != before)
    }

    @Test("Creating the optional settings file changes the fingerprint")
    func createdSettings() throws {
        let folder = try configuredFolder()
        let before = ConfigFingerprint(of: folder.configDirectory)
        try folder.write("default_interval: 2h\n", to: "config/veilleur.yaml")
        #expect(ConfigFingerprint(of: folder.configDirectory) != before)
    }
}
