import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `digests/.lock`, held for a whole digest run, so that the daemon and a
/// `veilleur digest` run never interleave their writes of the shared views (feeds, `latest/`, index).
/// The kernel releases it when the process dies, even by SIGKILL.
///
/// The lock file is opened with `O_NOFOLLOW`: a link in its place is refused, so that it cannot make
/// veilleur create a file outside its state folder. The lock is released with the value.
final class WriterLock {
    private let descriptor: Int32

    /// Blocks until the lock is ours.
    init(in directory: DirectoryHandle) throws(DigestWriteError) {
        let path = directory.pathOf(".lock")
        descriptor = directory.openLockFile(".lock")
        guard descriptor >= 0 else { throw DirectoryHandle.failure("open lock", path) }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let error = DirectoryHandle.failure("lock", path)
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }
}
