import Foundation

/// The digests directory as found on disk: a folder per period (`YYYY-MM-DD`) holding `PROFILE.md|json|html`,
/// beside `latest/`, `index.html` and the Atom feeds.
///
/// Anything else there (stray files, temporary files of a write in progress) is ignored.
struct DigestFolder {
    /// The formats of a digest, in the order they are written and listed.
    static let formats = ["md", "json", "html"]
    /// Where the copies of each profile's newest digest go.
    static let latestName = "latest"

    let root: URL

    var latest: URL { root.appendingPathComponent(Self.latestName, isDirectory: true) }

    /// The period folders, newest first.
    func periods() throws(DigestWriteError) -> [String] {
        try names(in: root).filter { DigestWriter.isPeriod($0) && isDirectory(root.appendingPathComponent($0)) }.sorted(by: >)
    }

    /// The profiles with at least one digest file in `directory`, by id, with the formats present.
    func profiles(in directory: URL) throws(DigestWriteError) -> [(profile: String, formats: [String])] {
        var formats: [String: Set<String>] = [:]
        for name in try names(in: directory) where !name.hasPrefix(".") {
            let file = URL(fileURLWithPath: name)
            let profile = file.deletingPathExtension().lastPathComponent
            guard Self.formats.contains(file.pathExtension), DigestWriter.isSafeName(profile) else { continue }
            formats[profile, default: []].insert(file.pathExtension)
        }
        return formats.sorted { $0.key < $1.key }.map { profile, present in (profile, Self.formats.filter(present.contains)) }
    }

    /// The formats of `profile`'s digest for `period` found on disk.
    func formats(of profile: String, in period: String) -> [String] {
        Self.formats.filter { FileManager.default.fileExists(atPath: file(profile, $0, in: period).path) }
    }

    func file(_ profile: String, _ format: String, in period: String) -> URL {
        root.appendingPathComponent(period, isDirectory: true).appendingPathComponent(profile + "." + format)
    }

    func feed(of profile: String) -> URL {
        root.appendingPathComponent(profile + ".atom")
    }

    /// Removes the temporary files that a write killed before its rename left behind (`.NAME.tmp-XXXXXX`,
    /// see ``AtomicFile``), and the period folders that held nothing else. Call it holding the
    /// ``WriterLock``, so that no write in progress loses its file.
    func removeAbandonedTemporaryFiles() {
        let manager = FileManager.default
        let periodFolders = ((try? names(in: root)) ?? []).filter(DigestWriter.isPeriod).map { root.appendingPathComponent($0) }
        for directory in [root, latest] + periodFolders {
            for name in (try? names(in: directory)) ?? [] where Self.isTemporary(name) {
                try? manager.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        for directory in periodFolders where ((try? names(in: directory)) ?? ["?"]).isEmpty {
            try? manager.removeItem(at: directory)
        }
    }

    /// `.NAME.tmp-XXXXXX`, the shape of ``AtomicFile``'s temporary files.
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        return name[marker.upperBound...].count == 6
    }

    private func names(in directory: URL) throws(DigestWriteError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DigestWriteError(operation: "list directory", path: directory.path, message: "\(error)")
        }
    }

    private func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
