import Foundation
import Model
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends sources to the `sources.yaml` of a configuration folder, safely: the new text replaces the
/// file atomically with the same permissions, and the folder is loaded again at once; when it does not
/// load, the file goes back to what it was, so an import never leaves a configuration the daemon refuses.
public enum SourcesFile {
    /// Appends `sources` to the folder's `sources.yaml` (created when missing) after a `# comment` line.
    /// - Returns: the configuration as loaded with the new sources.
    @discardableResult
    public static func append(_ sources: [Source], comment: String, directory: URL) throws(SourcesFileError) -> Configuration {
        // A sources.yaml linked from elsewhere (a dotfiles repository) stays a link: its target is rewritten.
        let url = ConfigurationFiles(directory: directory).sources.resolvingSymlinksInPath()
        let original: Data?
        do {
            original = FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        } catch {
            throw .unreadable(path: url.path, message: error.localizedDescription)
        }
        var text: String?
        if let original {
            guard let decoded = String(data: original, encoding: .utf8) else {
                throw .unreadable(path: url.path, message: "not UTF-8 text")
            }
            text = decoded
        }
        let updated = try SourcesAppender.appending(sources, comment: comment, to: text)
        try write(Data(updated.utf8), to: url)
        do {
            return try Configuration.load(directory: directory)
        } catch {
            if let original {
                try? write(original, to: url)
            } else {
                try? FileManager.default.removeItem(at: url)
            }
            throw .invalidAfterWrite(error)
        }
    }

    /// Writes `data` beside `url` then renames it over `url`, keeping the permissions `url` had (0644
    /// for a new file), so that a reader (the daemon reloading) sees the old file or the new one, whole.
    static func write(_ data: Data, to url: URL) throws(SourcesFileError) {
        let manager = FileManager.default
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let permissions = (try? manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
            guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: permissions]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forUpdating: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? manager.removeItem(at: temporary)
            throw .unwritable(path: url.path, message: error.localizedDescription)
        }
    }
}
