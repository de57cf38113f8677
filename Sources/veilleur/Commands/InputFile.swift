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
        let (descriptor, info) = try openRegularFile(path)
        defer { close(descriptor) }
        return try contents(of: descriptor, size: Int(info.st_size), path: path)
    }

    /// The bytes of the file at `path` when it is smaller than `limit`; nil, having read nothing, when it is
    /// not, since a large file is better read where it is needed (mapped, by `withContents`).
    static func contents(of path: String, below limit: Int) throws(InputFileError) -> [UInt8]? {
        let (descriptor, info) = try openRegularFile(path)
        defer { close(descriptor) }
        guard Int(info.st_size) < limit else { return nil }
        return try contents(of: descriptor, size: Int(info.st_size), path: path)
    }

    /// Files from this size on are mapped by `withContents`; smaller ones are read, since mapping, populating
    /// and unmapping a few pages cost more system time than copying them (most of a corpus of small feeds).
    static let mappingThreshold = 1 << 20

    /// Calls `body` with the file's bytes, mapped into memory rather than copied when the file is large:
    /// a large feed is then read where the kernel already holds it, without filling fresh memory with a copy.
    /// The mapping is private and read-only; a file truncated by another process while `body` reads it
    /// ends this one with SIGBUS, as for any mapped file.
    static func withContents<Result>(of path: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let (descriptor, info) = try openRegularFile(path)
        defer { close(descriptor) }
        let size = Int(info.st_size)
        // A size of 0 is also what the files of /proc report: those are read.
        guard size >= mappingThreshold, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            return try contents(of: descriptor, size: size, path: path).withUnsafeBytes(body)
        }
        defer { munmap(mapped, size) }
        return try body(UnsafeRawBufferPointer(start: mapped, count: size))
    }

    /// The regular file at `path`, opened for reading, and its status.
    private static func openRegularFile(_ path: String) throws(InputFileError) -> (descriptor: Int32, info: stat) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputFileError(path: path, problem: problem(errno)) }
        try requireRegularFile(info, path: path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputFileError(path: path, problem: problem(errno)) }
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw InputFileError(path: path, problem: problem(code))
        }
        do {
            try requireRegularFile(info, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        return (descriptor, info)
    }

    /// The bytes read from `descriptor`, of `size` bytes as far as its status knows: read straight into the
    /// array that holds them, one byte more than that size so that the end shows in the first read; a file
    /// that grew meanwhile, or whose status tells no size (/proc), is read on in blocks.
    private static func contents(of descriptor: Int32, size: Int, path: String) throws(InputFileError) -> [UInt8] {
        let block = 64 * 1024
        var bytes = [UInt8](repeating: 0, count: size > 0 ? size + 1 : block)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: block)) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw InputFileError(path: path, problem: problem(errno))
            }
            filled += count
        }
        bytes.removeSubrange(filled...)
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
