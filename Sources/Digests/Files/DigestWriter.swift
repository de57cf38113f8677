import Foundation

/// Writes digests under `STATE/digests` as `YYYY-MM-DD/PROFILE.md` and `YYYY-MM-DD/PROFILE.json`.
public struct DigestWriter: Sendable {
    /// The digests directory, usually `STATE/digests`.
    public let root: URL

    /// - Parameter root: the digests directory; created on first write if missing.
    public init(root: URL) {
        self.root = root
    }

    /// Renders `digest` in both formats and writes each file atomically, replacing a previous run's.
    ///
    /// - Returns: the Markdown file's URL, then the JSON file's.
    /// - Throws: `DigestWriteError` if the period or profile would not make a safe path, or a write fails.
    public func write(_ digest: Digest) throws(DigestWriteError) -> [URL] {
        guard Self.isPeriod(digest.period) else {
            throw DigestWriteError(operation: "choose path", path: root.path, message: "period '\(digest.period)' is not YYYY-MM-DD")
        }
        guard Self.isSafeName(digest.profile) else {
            throw DigestWriteError(operation: "choose path", path: root.path, message: "profile '\(digest.profile)' cannot be a file name")
        }
        let directory = root.appendingPathComponent(digest.period, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DigestWriteError(operation: "create directory", path: directory.path, message: "\(error)")
        }

        let json: [UInt8]
        do {
            json = try JSONDigest.render(digest)
        } catch {
            throw DigestWriteError(operation: "render JSON", path: directory.path, message: "\(error)")
        }
        let markdownURL = directory.appendingPathComponent(digest.profile + ".md")
        let jsonURL = directory.appendingPathComponent(digest.profile + ".json")
        try AtomicFile.write(Array(MarkdownDigest.render(digest).utf8), to: markdownURL)
        try AtomicFile.write(json, to: jsonURL)
        return [markdownURL, jsonURL]
    }

    static func isPeriod(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// A profile id is used as a file name: no separators, no hidden or relative names.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
