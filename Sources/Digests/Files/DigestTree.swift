import Foundation
import Model

/// The digests directory as a run finds it, listed once when the run starts and kept up to date as the run
/// writes: a folder per period (`YYYY-MM-DD` for a day, `YYYY-Www` for an ISO week) holding a `PROFILE.EXT` per
/// ``DigestFormat``, beside `latest/`,
/// `index.html`, the Atom feeds `PROFILE.atom` and the writers' `.lock`.
///
/// Entries are taken as `lstat` sees them and opened only through their folder's handle. Temporary files
/// that a killed write left (`.NAME.tmp-XXXXXX`) are removed, and so are period folders left empty: the
/// run holds the ``WriterLock``, so no write in progress owns them. Anything else veilleur would not have
/// written there — a symbolic link, a folder of a period begun after today, a stray file — becomes a
/// ``DigestTreeIssue`` and is otherwise ignored: never read, copied or listed.
struct DigestTree {
    /// Where the copies of each profile's newest digest go.
    static let latestName = "latest"
    static let indexName = "index.html"
    static let lockName = ".lock"
    /// How many of the newest period folders keep their handle open after the listing; older ones are
    /// reopened when needed, so that years of digests cannot exhaust the process's file descriptors.
    static let openFolderLimit = 64

    let root: DirectoryHandle
    /// Periods after this day are not used.
    let today: DigestPeriod
    /// The digest files of each period up to today, by profile.
    private(set) var periods: [DigestPeriod: [String: Set<DigestFormat>]] = [:]
    /// The keys of `periods`, newest first.
    private(set) var periodsNewestFirst: [DigestPeriod] = []
    /// The copies in `latest/`, by profile.
    private(set) var latest: [String: Set<DigestFormat>] = [:]
    /// The profiles with an Atom feed.
    private(set) var feeds: Set<String> = []
    private(set) var issues: [DigestTreeIssue] = []
    private var folders: [DigestPeriod: DirectoryHandle] = [:]
    private var latestFolder: DirectoryHandle?

    /// Lists `root` and each folder in it once.
    /// - Throws: when `root` itself cannot be listed; a folder in it that cannot be is an issue.
    init(root: DirectoryHandle, today: DigestPeriod) throws(DigestWriteError) {
        self.root = root
        self.today = today
        var found: [DigestPeriod] = []
        for entry in try root.entries() {
            let name = entry.name
            if let period = DigestPeriod(name) {
                if entry.kind != .directory {
                    issue(root.pathOf(name), Self.unexpected(entry.kind, expected: "a period folder"))
                } else if period > today {
                    issue(root.pathOf(name), "a period folder dated after today (\(today)): not used")
                } else {
                    found.append(period)
                }
            } else if Self.isTemporary(name) {
                removeTemporary(entry, in: root)
            } else if name == Self.latestName && entry.kind == .directory {
                latestFolder = open(name)
                latest = latestFolder.map { list($0).profiles } ?? [:]
            } else if (name == Self.lockName || name == Self.indexName) && entry.kind == .regularFile {
                continue
            } else if entry.kind == .regularFile, let profile = Self.profile(ofFeed: name) {
                feeds.insert(profile)
            } else {
                issue(root.pathOf(name), Self.unexpected(entry.kind, expected: "a digest file or folder"))
            }
        }
        for (rank, period) in found.sorted(by: >).enumerated() {
            guard let folder = open(period.description) else { continue }
            let listing = list(folder)
            if listing.profiles.isEmpty && listing.others == 0 && root.removeEmptyDirectory(period.description) { continue }
            periods[period] = listing.profiles
            periodsNewestFirst.append(period)
            if rank < Self.openFolderLimit { folders[period] = folder }
        }
    }

    /// The formats of `profile`'s digest of `period` on disk.
    func formats(of profile: String, in period: DigestPeriod) -> Set<DigestFormat> {
        periods[period]?[profile] ?? []
    }

    /// Each profile's newest period with a digest file, in one pass over the tree.
    func newestPeriods() -> [String: DigestPeriod] {
        var newest: [String: DigestPeriod] = [:]
        for (period, profiles) in periods {
            for (profile, formats) in profiles where !formats.isEmpty {
                if newest[profile].map({ $0 < period }) ?? true { newest[profile] = period }
            }
        }
        return newest
    }

    /// The folder of `period`, created when `create` is set and it is missing.
    mutating func folder(for period: DigestPeriod, create: Bool) throws(DigestWriteError) -> DirectoryHandle {
        if let folder = folders[period] { return folder }
        let folder = try root.subdirectory(period.description, create: create)
        folders[period] = folder
        if periods[period] == nil {
            periods[period] = [:]
            periodsNewestFirst.insert(period, at: periodsNewestFirst.firstIndex { $0 < period } ?? periodsNewestFirst.endIndex)
        }
        return folder
    }

    /// `latest/`, created if missing.
    mutating func latestFolder(create: Bool) throws(DigestWriteError) -> DirectoryHandle {
        if let latestFolder { return latestFolder }
        let folder = try root.subdirectory(Self.latestName, create: create)
        latestFolder = folder
        return folder
    }

    /// Records the files just written; the period's folder was obtained with ``folder(for:create:)``.
    mutating func recordDigest(of profile: String, formats: [DigestFormat], in period: DigestPeriod) {
        periods[period, default: [:]][profile, default: []].formUnion(formats)
    }

    mutating func recordLatest(of profile: String, format: DigestFormat, present: Bool) {
        if present {
            latest[profile, default: []].insert(format)
        } else {
            latest[profile]?.remove(format)
        }
    }

    mutating func recordFeed(of profile: String) {
        feeds.insert(profile)
    }

    /// `.NAME.tmp-XXXXXX`, the shape of ``AtomicFile``'s temporary files.
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        return name[marker.upperBound...].count == 6
    }

    /// The profile and format of a digest file named `PROFILE.EXT`, when EXT is a ``DigestFormat`` and
    /// PROFILE a name veilleur would write.
    static func profile(of name: String) -> (id: String, format: DigestFormat)? {
        guard let (id, suffix) = split(name), let format = DigestFormat(rawValue: suffix) else { return nil }
        return (id, format)
    }

    /// The profile of an Atom feed file named `PROFILE.atom`.
    static func profile(ofFeed name: String) -> String? {
        guard let (id, suffix) = split(name), suffix == AtomFeed.fileExtension else { return nil }
        return id
    }

    /// `PROFILE.EXT` cut at its last dot, when PROFILE is a name veilleur would write.
    private static func split(_ name: String) -> (id: String, suffix: String)? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let id = String(name[..<dot])
        guard DigestWriter.isSafeName(id) else { return nil }
        return (id, String(name[name.index(after: dot)...]))
    }

    /// The digest files of `folder` by profile, and how many other entries it holds (each an issue).
    /// Removes temporaries, which count for neither.
    private mutating func list(_ folder: DirectoryHandle) -> (profiles: [String: Set<DigestFormat>], others: Int) {
        let entries: [DirectoryHandle.Entry]
        do {
            entries = try folder.entries()
        } catch {
            issue(folder.path, "cannot be listed: \(error.message)")
            return ([:], 1)
        }
        var profiles: [String: Set<DigestFormat>] = [:]
        var others = 0
        for entry in entries {
            if Self.isTemporary(entry.name) {
                removeTemporary(entry, in: folder)
            } else if entry.kind == .regularFile, let file = Self.profile(of: entry.name) {
                profiles[file.id, default: []].insert(file.format)
            } else {
                issue(folder.pathOf(entry.name), Self.unexpected(entry.kind, expected: "a digest file"))
                others += 1
            }
        }
        return (profiles, others)
    }

    private mutating func open(_ name: String) -> DirectoryHandle? {
        do {
            return try root.subdirectory(name, create: false)
        } catch {
            issue(root.pathOf(name), "cannot be opened: \(error.message)")
            return nil
        }
    }

    /// Removes a killed write's temporary file; only a regular file is one.
    private mutating func removeTemporary(_ entry: DirectoryHandle.Entry, in folder: DirectoryHandle) {
        guard entry.kind == .regularFile else {
            issue(folder.pathOf(entry.name), Self.unexpected(entry.kind, expected: "a temporary file"))
            return
        }
        do {
            try folder.remove(entry.name)
        } catch {
            issue(folder.pathOf(entry.name), "leftover temporary file that cannot be removed: \(error.message)")
        }
    }

    private mutating func issue(_ path: String, _ problem: String) {
        issues.append(DigestTreeIssue(path: path, problem: problem))
    }

    private static func unexpected(_ kind: DirectoryHandle.Kind, expected: String) -> String {
        switch kind {
        case .symbolicLink: "a symbolic link where \(expected) is expected: veilleur neither follows nor copies it"
        case .directory: "a folder where \(expected) is expected: ignored"
        case .regularFile: "a file veilleur does not write here: ignored"
        case .other: "not a regular file or folder: ignored"
        }
    }
}
