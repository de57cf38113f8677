#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file only if nothing is at its path, in one step the kernel checks (`O_CREAT | O_EXCL`): a
/// file a person created or edited meanwhile is never overwritten, and no symbolic link is followed.
enum NewFile {
    enum Outcome: Equatable {
        case created
        /// Something was already there: left as it was.
        case kept
    }

    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Makes `path` and its missing parents, as `mkdir -p` does.
    static func makeFolder(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            guard mkdir(prefix, 0o755) != 0 else { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(prefix, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw Failure(path: prefix, reason: code == EEXIST ? "it exists and is not a folder" : String(cString: strerror(code)))
            }
        }
    }

    /// Writes `text` to `path` unless something is there already.
    static func create(_ path: String, with text: String) throws(Failure) -> Outcome {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return .kept }
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                // A half-written file would be kept by the next run: remove it so that it is written whole.
                unlink(path)
                throw Failure(path: path, reason: reason)
            }
            offset += written
        }
        return .created
    }
}
