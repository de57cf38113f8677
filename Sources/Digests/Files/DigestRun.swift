import Foundation
import Model

/// One pass of digest writing over the digests directory: it holds the ``WriterLock`` from
/// ``DigestWriter/open(today:)`` until it is gone, lists the directory once, writes each digest's files
/// and its profile's feed as they come, and ``finish()`` then writes the `latest/` copies of the profiles
/// written and `index.html`, once for the whole run.
///
/// A run killed before ``finish()`` leaves every digest it wrote complete; `latest/` and the index catch
/// up at the next run that writes those profiles.
public struct DigestRun: ~Copyable {
    /// Held for as long as the run exists.
    private let lock: WriterLock
    private var tree: DigestTree
    /// The profiles written in this run, whose `latest/` copies `finish()` refreshes.
    private var written: Set<String> = []
    /// What the digests written in this run say of their profiles (the newest period's), for the index.
    private var writtenProfiles: [String: (period: DigestPeriod, about: IndexedProfile)] = [:]
    /// The entry count of each digest written in this run, by period then profile.
    private var writtenEntries: [String: [String: Int]] = [:]

    init(root: URL, today: DigestPeriod) throws(DigestWriteError) {
        let handle = try DirectoryHandle.open(path: root.path)
        let lock = try WriterLock(in: handle)
        let tree = try DigestTree(root: handle, today: today)
        self.lock = lock
        self.tree = tree
    }

    /// What was found in the digests directory that veilleur did not write and leaves alone.
    public var issues: [DigestTreeIssue] { tree.issues }

    /// Renders `digest` in every format and writes each file atomically, replacing a previous run's, then
    /// rewrites the profile's Atom feed.
    ///
    /// - Returns: the digest's files for its period, in the order of ``DigestFormat/allCases``.
    /// - Throws: `DigestWriteError` if the period is not a day up to today, the profile would not make a safe
    ///   file name, or a write fails. A failure after the digest's own files were written leaves them in
    ///   place; writing the digest again finishes the job.
    public mutating func write(_ digest: Digest) throws(DigestWriteError) -> [URL] {
        let period = try DigestWriter.validate(digest, today: tree.today, root: tree.root.path)
        let folder = try tree.folder(for: period, create: true)
        var json: [UInt8] = []
        for format in DigestFormat.allCases {
            let bytes: [UInt8]
            do {
                bytes = try format.render(digest)
            } catch {
                throw DigestWriteError(operation: "render \(format.displayName)", path: folder.path, message: "\(error)")
            }
            try AtomicFile.replace(format.fileName(of: digest.profile), in: folder, with: bytes, mode: 0o644)
            if format == .json { json = bytes }
        }
        try folder.sync()
        tree.recordDigest(of: digest.profile, formats: DigestFormat.allCases, in: period)
        written.insert(digest.profile)
        writtenEntries[period.description, default: [:]][digest.profile] = digest.totalEntries
        if writtenProfiles[digest.profile].map({ $0.period <= period }) ?? true {
            let about = IndexedProfile(name: digest.profileName, kind: digest.kind, language: digest.language, trend: digest.trend)
            writtenProfiles[digest.profile] = (period, about)
        }
        try writeFeed(of: digest, json: json, period: period)
        return DigestFormat.allCases.map { URL(fileURLWithPath: folder.pathOf($0.fileName(of: digest.profile))) }
    }

    /// Copies the newest digest of each profile written in this run into `latest/`, then writes the index.
    /// Every profile is tried; the first failure is thrown at the end.
    /// - Parameters:
    ///   - profiles: what the index shows of each profile, by id; a profile missing here is shown as its
    ///     newest digest written in this run describes it, or by its id alone.
    ///   - entryCounts: each digest's entry count, by period then profile, as recorded when it was written;
    ///     the digests written in this run count their own.
    public consuming func finish(profiles: [String: IndexedProfile] = [:], entryCounts: [String: [String: Int]] = [:]) throws(DigestWriteError) {
        var firstFailure: DigestWriteError?
        do {
            let latest = try tree.latestFolder(create: true)
            let newest = tree.newestPeriods()
            for profile in written.sorted() {
                guard let period = newest[profile] else { continue }
                do {
                    try copyToLatest(profile, from: period, into: latest)
                } catch {
                    firstFailure = firstFailure ?? error
                }
            }
            try latest.sync()
        } catch {
            firstFailure = firstFailure ?? error
        }
        do {
            let page = indexPage(profiles: profiles, entryCounts: entryCounts)
            try AtomicFile.replace(DigestTree.indexName, in: tree.root, with: Array(page.utf8), mode: 0o644)
            try tree.root.sync()
        } catch {
            firstFailure = firstFailure ?? error
        }
        if let firstFailure { throw firstFailure }
    }

    /// `PROFILE.atom` from this digest and the JSON files of the newest ``AtomFeed/periodLimit`` periods,
    /// newest first, read until the feed is full. Files that cannot be read as digests are left out.
    private mutating func writeFeed(of digest: Digest, json: [UInt8], period current: DigestPeriod) throws(DigestWriteError) {
        var documents: [JSONDigest.Document] = []
        var ids: Set<String> = []
        for period in tree.periodsNewestFirst.prefix(AtomFeed.periodLimit) where ids.count < AtomFeed.entryLimit {
            let bytes: [UInt8]
            if period == current {
                bytes = json
            } else {
                guard tree.formats(of: digest.profile, in: period).contains(.json),
                      let read = try? tree.folder(for: period, create: false).read(DigestFormat.json.fileName(of: digest.profile))
                else { continue }
                bytes = read.bytes
            }
            guard let document = try? JSONDigest.document(from: Data(bytes)) else {
                if period == current {
                    throw DigestWriteError(operation: "read JSON", path: tree.root.pathOf("\(period)/\(digest.profile).json"), message: "unreadable")
                }
                continue
            }
            documents.append(document)
            ids.formUnion(document.items.map { AtomFeed.entryID($0, period: document.period) })
        }
        let feed = AtomFeed.render(profile: digest.profile, profileName: digest.profileName, language: digest.language, periods: documents)
        try AtomicFile.replace(digest.profile + "." + AtomFeed.fileExtension, in: tree.root, with: Array(feed.utf8), mode: 0o644)
        tree.recordFeed(of: digest.profile)
    }

    /// Copies `profile`'s digest of `period` into `latest/`, never more readable than its source; a format
    /// that digest lacks is removed from there.
    private mutating func copyToLatest(_ profile: String, from period: DigestPeriod, into latest: DirectoryHandle) throws(DigestWriteError) {
        let present = tree.formats(of: profile, in: period)
        let source = try tree.folder(for: period, create: false)
        for format in DigestFormat.allCases {
            let name = format.fileName(of: profile)
            if present.contains(format) {
                let file = try source.read(name)
                try AtomicFile.replace(name, in: latest, with: file.bytes, mode: file.mode & 0o644)
                tree.recordLatest(of: profile, format: format, present: true)
            } else if tree.latest[profile]?.contains(format) == true {
                try latest.remove(name)
                tree.recordLatest(of: profile, format: format, present: false)
            }
        }
    }

    /// The index: the `latest/` copies with each profile's feed, then every period up to today, newest first.
    private func indexPage(profiles: [String: IndexedProfile], entryCounts: [String: [String: Int]]) -> String {
        var about = writtenProfiles.mapValues(\.about)
        about.merge(profiles) { _, given in given }
        let newest = tree.newestPeriods()
        func entries(_ profile: String, in period: DigestPeriod) -> Int? {
            writtenEntries[period.description]?[profile] ?? entryCounts[period.description]?[profile]
        }
        let latest = tree.latest.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { profile, formats in
            var links = Self.links(of: profile, formats: formats, in: DigestTree.latestName)
            if tree.feeds.contains(profile) {
                links.append((AtomFeed.displayName, RelativeURL.path(profile + "." + AtomFeed.fileExtension)))
            }
            return DigestIndexPage.Row(
                profile: profile, about: about[profile], entries: newest[profile].flatMap { entries(profile, in: $0) }, links: links)
        }
        let periods = tree.periodsNewestFirst.map { period in
            let folder = period.description
            let rows = (tree.periods[period] ?? [:]).filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { profile, formats in
                DigestIndexPage.Row(
                    profile: profile, about: about[profile], entries: entries(profile, in: period),
                    links: Self.links(of: profile, formats: formats, in: folder))
            }
            return DigestIndexPage.Section(title: folder, rows: rows)
        }
        let shown = Set(latest.map(\.profile)).union(periods.flatMap { $0.rows.map(\.profile) })
        let language = DigestIndexPage.language(of: shown.sorted().compactMap { about[$0] })
        return DigestIndexPage.render(language: language, latest: latest, periods: periods)
    }

    /// The index's links to `profile`'s files in `folder`, in ``DigestFormat/indexOrder``.
    private static func links(of profile: String, formats: Set<DigestFormat>, in folder: String) -> [(text: String, href: String)] {
        DigestFormat.indexOrder.filter(formats.contains).map { ($0.displayName, RelativeURL.path(folder, $0.fileName(of: profile))) }
    }
}
