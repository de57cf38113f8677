import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `digests/.lock`, held while digests are written, so that the daemon and a
/// `veilleur digest` run never interleave their writes of the shared views (feeds, `latest/`, index).
/// The kernel releases it when the process dies, even by SIGKILL.
struct WriterLock {
    private let descriptor: Int32

    /// Blocks until the lock is ours.
    init(directory: URL) throws(DigestWriteError) {
        let path = directory.appendingPathComponent(".lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DigestWriteError(operation: "open lock", path: path, errno: errno, message: String(cString: strerror(errno)))
        }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw DigestWriteError(operation: "lock", path: path, errno: code, message: String(cString: strerror(code)))
        }
    }

    /// Gives the lock back.
    func release() {
        close(descriptor)
    }
}
