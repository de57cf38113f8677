import Foundation

/// Writes digests under `STATE/digests` as `YYYY-MM-DD/PROFILE.md`, `.json` and `.html`, and keeps the
/// views derived from them up to date: the profile's Atom feed `PROFILE.atom`, copies of each profile's
/// newest digest in `latest/`, and `index.html`.
///
/// The views are rebuilt from what is on disk, so that a digest written again, or for an earlier day,
/// leaves them as if the digests had been written in order.
public struct DigestWriter: Sendable {
    /// The digests directory, usually `STATE/digests`.
    public let root: URL

    /// - Parameter root: the digests directory; created on first write if missing.
    public init(root: URL) {
        self.root = root
    }

    /// Renders `digest` in every format and writes each file atomically, replacing a previous run's, then
    /// rewrites the profile's Atom feed, its copies in `latest/` and the index.
    ///
    /// - Returns: the digest's files for its period: Markdown, then JSON, then HTML.
    /// - Throws: `DigestWriteError` if the period or profile would not make a safe path, or a write fails.
    ///   A failure after the digest's own files were written leaves them in place; writing the digest again
    ///   finishes the job.
    public func write(_ digest: Digest) throws(DigestWriteError) -> [URL] {
        guard Self.isPeriod(digest.period) else {
            throw DigestWriteError(operation: "choose path", path: root.path, message: "period '\(digest.period)' is not YYYY-MM-DD")
        }
        guard Self.isSafeName(digest.profile) else {
            throw DigestWriteError(operation: "choose path", path: root.path, message: "profile '\(digest.profile)' cannot be a file name")
        }
        try createDirectory(root)
        let lock = try WriterLock(directory: root)
        defer { lock.release() }
        let folder = DigestFolder(root: root)
        // Under the lock no other writer is between its temporary file and its rename: any temporary file
        // left is the remains of a write that was killed.
        folder.removeAbandonedTemporaryFiles()
        let directory = root.appendingPathComponent(digest.period, isDirectory: true)
        try createDirectory(directory)

        let json: [UInt8]
        do {
            json = try JSONDigest.render(digest)
        } catch {
            throw DigestWriteError(operation: "render JSON", path: directory.path, message: "\(error)")
        }
        let files: [(format: String, bytes: [UInt8])] = [
            ("md", Array(MarkdownDigest.render(digest).utf8)), ("json", json), ("html", Array(HTMLDigest.render(digest).utf8)),
        ]
        var urls: [URL] = []
        for file in files {
            let url = folder.file(digest.profile, file.format, in: digest.period)
            try AtomicFile.write(file.bytes, to: url)
            urls.append(url)
        }

        let periods = try folder.periods()
        try writeFeed(of: digest, json: json, periods: periods, folder: folder)
        try writeLatest(of: digest.profile, periods: periods, folder: folder)
        try writeIndex(periods: periods, folder: folder)
        return urls
    }

    /// `PROFILE.atom` from this digest and the JSON files of earlier (and later) periods, newest first,
    /// read until the feed is full. Files that cannot be read as digests are left out of the feed.
    private func writeFeed(of digest: Digest, json: [UInt8], periods: [String], folder: DigestFolder) throws(DigestWriteError) {
        var documents: [JSONDigest.Document] = []
        var ids: Set<String> = []
        for period in periods where ids.count < AtomFeed.entryLimit {
            let document: JSONDigest.Document
            if period == digest.period {
                do {
                    document = try JSONDigest.document(from: Data(json))
                } catch {
                    throw DigestWriteError(operation: "read JSON", path: folder.file(digest.profile, "json", in: period).path, message: "\(error)")
                }
            } else {
                let url = folder.file(digest.profile, "json", in: period)
                guard let bytes = try? Data(contentsOf: url), let read = try? JSONDigest.document(from: bytes) else { continue }
                document = read
            }
            documents.append(document)
            ids.formUnion(document.items.map { AtomFeed.entryID($0, period: document.period) })
        }
        let feed = AtomFeed.render(profile: digest.profile, profileName: digest.profileName, language: digest.language, periods: documents)
        try AtomicFile.write(Array(feed.utf8), to: folder.feed(of: digest.profile))
    }

    /// Copies the profile's newest digest into `latest/`; a format that digest lacks is removed from there.
    private func writeLatest(of profile: String, periods: [String], folder: DigestFolder) throws(DigestWriteError) {
        guard let newest = periods.first(where: { !folder.formats(of: profile, in: $0).isEmpty }) else { return }
        try createDirectory(folder.latest)
        let present = folder.formats(of: profile, in: newest)
        for format in DigestFolder.formats {
            let target = folder.latest.appendingPathComponent(profile + "." + format)
            if present.contains(format) {
                let source = folder.file(profile, format, in: newest)
                let bytes: Data
                do {
                    bytes = try Data(contentsOf: source)
                } catch {
                    throw DigestWriteError(operation: "read", path: source.path, message: "\(error)")
                }
                try AtomicFile.write(Array(bytes), to: target)
            } else if FileManager.default.fileExists(atPath: target.path) {
                do {
                    try FileManager.default.removeItem(at: target)
                } catch {
                    throw DigestWriteError(operation: "remove", path: target.path, message: "\(error)")
                }
            }
        }
    }

    /// `index.html`: the `latest/` copies with each profile's feed, then every period, newest first.
    private func writeIndex(periods: [String], folder: DigestFolder) throws(DigestWriteError) {
        var sections: [DigestIndexPage.Section] = []
        let latest = try folder.profiles(in: folder.latest).map { profile, formats in
            var links = DigestIndexPage.displayOrder.filter(formats.contains).map {
                (DigestIndexPage.formatName($0), RelativeURL.path(DigestFolder.latestName, profile + "." + $0))
            }
            if FileManager.default.fileExists(atPath: folder.feed(of: profile).path) {
                links.append((DigestIndexPage.formatName("atom"), RelativeURL.path(profile + ".atom")))
            }
            return DigestIndexPage.Row(profile: profile, links: links)
        }
        sections.append(DigestIndexPage.Section(title: DigestFolder.latestName, rows: latest))
        for period in periods {
            let rows = try folder.profiles(in: root.appendingPathComponent(period, isDirectory: true)).map { profile, formats in
                DigestIndexPage.Row(
                    profile: profile,
                    links: DigestIndexPage.displayOrder.filter(formats.contains).map {
                        (DigestIndexPage.formatName($0), RelativeURL.path(period, profile + "." + $0))
                    })
            }
            sections.append(DigestIndexPage.Section(title: period, rows: rows))
        }
        try AtomicFile.write(Array(DigestIndexPage.render(sections).utf8), to: root.appendingPathComponent("index.html"))
    }

    private func createDirectory(_ directory: URL) throws(DigestWriteError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DigestWriteError(operation: "create directory", path: directory.path, message: "\(error)")
        }
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
