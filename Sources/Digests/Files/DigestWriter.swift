import Foundation
import Model

/// Writes digests under `STATE/digests` as `YYYY-MM-DD/PROFILE.EXT`, one file per ``DigestFormat``, and keeps the
/// views derived from them up to date: the profile's Atom feed `PROFILE.atom`, copies of each profile's
/// newest digest in `latest/`, and `index.html`.
///
/// The views are rebuilt from what is on disk, so that a digest written again, or for an earlier day,
/// leaves them as if the digests had been written in order. Only days up to today count: a folder dated
/// later is reported and left out, as is any symbolic link in the directory. The directory itself may be
/// a link (the operator's choice); nothing inside it is followed.
public struct DigestWriter: Sendable {
    /// The digests directory, usually `STATE/digests`.
    public let root: URL

    /// - Parameter root: the digests directory; created on first write if missing.
    public init(root: URL) {
        self.root = root
    }

    /// Starts a run: waits for the writer lock, removes what killed writes left behind and lists the
    /// directory once. Write every digest of the run through it, then call ``DigestRun/finish()``.
    /// - Parameter today: the current day in the digest time zone; later periods are neither written nor used.
    public func open(today: DigestPeriod) throws(DigestWriteError) -> DigestRun {
        try DigestRun(root: root, today: today)
    }

    /// Writes one digest in a run of its own; see ``DigestRun/write(_:)``.
    /// - Returns: the digest's files for its period, in the order of ``DigestFormat/allCases``.
    public func write(_ digest: Digest, today: DigestPeriod) throws(DigestWriteError) -> [URL] {
        _ = try Self.validate(digest, today: today, root: root.path)
        var run = try open(today: today)
        let urls = try run.write(digest)
        try run.finish()
        return urls
    }

    /// The digest's period, if it is a day or a week begun by `today` and its profile makes a safe file name.
    static func validate(_ digest: Digest, today: DigestPeriod, root: String) throws(DigestWriteError) -> DigestPeriod {
        guard let period = DigestPeriod(digest.period) else {
            throw DigestWriteError(operation: "choose path", path: root, message: "period '\(digest.period)' is not YYYY-MM-DD or YYYY-Www")
        }
        guard period <= today else {
            throw DigestWriteError(operation: "choose path", path: root, message: "period \(period) is after today (\(today))")
        }
        guard isSafeName(digest.profile) else {
            throw DigestWriteError(operation: "choose path", path: root, message: "profile '\(digest.profile)' cannot be a file name")
        }
        return period
    }

    /// A profile id is used as a file name: no separators, no hidden or relative names.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
