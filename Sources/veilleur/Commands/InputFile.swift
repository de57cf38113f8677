#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file named on the command line cannot be read, in words that say what is wrong.
struct InputFileError: Error, Equatable, CustomStringConvertible {
    enum Problem: Equatable {
        case missing
        case directory
        case notRegularFile
        case empty
        case permissionDenied
        case unreadable(reason: String)
    }

    /// The path as given.
    var path: String
    var problem: Problem

    var description: String {
        switch problem {
        case .missing: "\(path) does not exist"
        case .directory: "\(path) is a directory"
        case .notRegularFile: "\(path) is not a regular file"
        case .empty: "\(path) is empty"
        case .permissionDenied: "\(path) cannot be read (permission denied)"
        case .unreadable(let reason): "\(path) cannot be read (\(reason))"
        }
    }
}

/// Reads a regular file named on the command line.
enum InputFile {
    /// The file's bytes. Its kind is checked with `stat` before it is opened, since opening a FIFO waits
    /// for a writer and opening a device may act on it; it is then opened non-blocking and checked again
    /// through the descriptor, in case another kind of file took its place in between.
    static func contents(of path: String) throws(InputFileError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputFileError(path: path, problem: problem(errno)) }
        try requireRegularFile(info, path: path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputFileError(path: path, problem: problem(errno)) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw InputFileError(path: path, problem: problem(errno)) }
        try requireRegularFile(info, path: path)

        var bytes: [UInt8] = []
        // The whole file at once, rather than twice its size while a growing array is copied.
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw InputFileError(path: path, problem: problem(errno))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        // Checked on what was read rather than on st_size, which is 0 for files such as those of /proc.
        guard !bytes.isEmpty else { throw InputFileError(path: path, problem: .empty) }
        return bytes
    }

    private static func requireRegularFile(_ info: stat, path: String) throws(InputFileError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw InputFileError(path: path, problem: .directory)
        default: throw InputFileError(path: path, problem: .notRegularFile)
        }
    }

    private static func problem(_ code: Int32) -> InputFileError.Problem {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .permissionDenied
        case EISDIR: .directory
        default: .unreadable(reason: String(cString: strerror(code)))
        }
    }
}
