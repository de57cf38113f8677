import Foundation

/// The exclusive right to write in a state folder: an advisory lock (`flock`) on `STATE/veilleur.lock`,
/// held by the daemon for its whole life and by `crawl` and `digest` while they run.
///
/// Two daemons on one folder would both fetch every source and both write every digest. The lock file
/// names its holder (`pid role`), so that a refusal can say who is in the way. The kernel releases the
/// lock when the holder exits, killed or not: a stale file never blocks anyone.
public final class StateLock: Sendable {
    /// Who holds the lock, as written in the lock file.
    public enum Role: String, Sendable {
        /// `veilleur run`: never shares the folder, and one-shot commands refuse to wait for it.
        case daemon = "run"
        /// `veilleur crawl --once`.
        case crawl
        /// `veilleur digest`.
        case digest
    }

    /// The lock file, kept open for as long as the lock is held.
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        // Closing the last descriptor of the open file releases the lock.
        close(descriptor)
    }

    /// Takes the lock of `layout` for `role`.
    ///
    /// A daemon is refused at once if anyone holds the lock. A one-shot command is refused at once if a
    /// daemon holds it, and otherwise waits for the other command to finish, polling every `poll`.
    /// - Parameter waiting: called once, when a one-shot command starts waiting, with the holder.
    public static func acquire(
        _ layout: StateLayout, role: Role, poll: Duration = .milliseconds(200),
        waiting: (@Sendable (StateLockHolder) -> Void)? = nil
    ) async throws(StateLockError) -> StateLock {
        let path = layout.lockFile.path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            let reason = code == ELOOP ? "it is a symbolic link; remove it" : String(cString: strerror(code))
            throw StateLockError(path: path, kind: .unusable(reason))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw StateLockError(path: path, kind: .unusable("it is not a regular file; remove it"))
        }
        var toldWaiting = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw StateLockError(path: path, kind: .unusable(String(cString: strerror(code))))
            }
            if code == EINTR { continue }
            let holder = StateLockHolder.read(descriptor)
            // A holder that has not written its name yet is waited for: the next poll reads it again.
            if role == .daemon || holder?.role == .daemon {
                close(descriptor)
                throw StateLockError(path: path, kind: .held(by: holder, requester: role))
            }
            if !toldWaiting, let holder {
                toldWaiting = true
                waiting?(holder)
            }
            do {
                try await Task.sleep(for: poll)
            } catch {
                close(descriptor)
                throw StateLockError(path: path, kind: .cancelled)
            }
        }
        let lock = StateLock(descriptor: descriptor)
        lock.writeHolder(role: role)
        return lock
    }

    private func writeHolder(role: Role) {
        let line = Array("\(getpid()) \(role.rawValue)\n".utf8)
        // The name is a courtesy for error messages; the lock is held whether or not it is written.
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}

/// The process that holds a state folder's lock, as its lock file names it.
public struct StateLockHolder: Sendable, Equatable, CustomStringConvertible {
    /// Its process id.
    public var pid: Int32
    /// What it runs.
    public var role: StateLock.Role

    public init(pid: Int32, role: StateLock.Role) {
        self.pid = pid
        self.role = role
    }

    public var description: String { "`veilleur \(role.rawValue)` (pid \(pid))" }

    /// Reads `PID ROLE` from the start of the open lock file; nil if it is not (yet) there.
    static func read(_ descriptor: Int32) -> StateLockHolder? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard fields.count >= 2, let pid = Int32(fields[0]), let role = StateLock.Role(rawValue: String(fields[1])) else {
            return nil
        }
        return StateLockHolder(pid: pid, role: role)
    }
}

/// Why the state folder's lock could not be taken.
public struct StateLockError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process holds it (its holder when the lock file names one).
        case held(by: StateLockHolder?, requester: StateLock.Role)
        /// The lock file cannot be opened or locked.
        case unusable(String)
        /// The waiting task was cancelled.
        case cancelled
    }

    /// The lock file.
    public var path: String
    /// What went wrong.
    public var kind: Kind

    public var description: String {
        let folder = (path as NSString).deletingLastPathComponent
        switch kind {
        case .held(let holder, let requester):
            let who = holder.map(\.description) ?? "another veilleur process"
            if requester == .daemon {
                return "the state folder \(folder) is in use by \(who); one daemon per state folder (see \(path))"
            }
            return "the daemon \(who) is running on the state folder \(folder): it crawls and writes the digests "
                + "itself; stop it first (systemctl stop veilleur) or use another --state"
        case .unusable(let reason):
            return "cannot lock the state folder \(folder) through \(path): \(reason)"
        case .cancelled:
            return "stopped while waiting for the lock of the state folder \(folder)"
        }
    }
}
