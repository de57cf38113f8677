import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open directory: every entry is reached through its descriptor with `O_NOFOLLOW`, so a symbolic link
/// placed in the tree is refused instead of followed, and a folder renamed meanwhile cannot redirect a write.
///
/// Owned by one writer at a time; the descriptor is closed with the handle.
final class DirectoryHandle {
    /// What an entry is, as `lstat` sees it: a link is a link, whatever it points to.
    enum Kind: Equatable {
        case directory, regularFile, symbolicLink, other
    }

    /// One entry of a listing.
    struct Entry: Equatable {
        var name: String
        var kind: Kind
    }

    /// The directory's path, for messages and for the URLs handed back to callers.
    let path: String
    /// The open directory, for the `*at` calls of ``AtomicFile``.
    let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Opens the directory at `path`, creating it and its parents when missing. The path itself is the
    /// caller's choice and may go through links; nothing below it will.
    static func open(path: String) throws(DigestWriteError) -> DirectoryHandle {
        if access(path, F_OK) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw DigestWriteError(operation: "create directory", path: path, message: "\(error)")
            }
        }
        let descriptor = systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", path) }
        return DirectoryHandle(path: path, descriptor: descriptor)
    }

    /// The full path of entry `name`.
    func pathOf(_ name: String) -> String {
        path + "/" + name
    }

    /// Opens the subdirectory `name`, creating it first when `create` is set; a link or a file there is an error.
    func subdirectory(_ name: String, create: Bool) throws(DigestWriteError) -> DirectoryHandle {
        if create, mkdirat(descriptor, name, 0o755) != 0, errno != EEXIST {
            throw Self.failure("create directory", pathOf(name))
        }
        let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else { throw Self.failure("open directory", pathOf(name)) }
        return DirectoryHandle(path: pathOf(name), descriptor: child)
    }

    /// The entries, without `.` and `..`, each with its own kind (links are not followed).
    func entries() throws(DigestWriteError) -> [Entry] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw Self.failure("list directory", path)
        }
        defer { closedir(stream) }
        // The copy shares the descriptor's offset: start from the top whatever an earlier listing left.
        rewinddir(stream)
        var entries: [Entry] = []
        while let record = readdir(stream) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            entries.append(Entry(name: name, kind: kind(of: name, type: record.pointee.d_type)))
        }
        return entries
    }

    /// The bytes and permission bits of the regular file `name`; a link or anything else is an error.
    func read(_ name: String) throws(DigestWriteError) -> (bytes: [UInt8], mode: mode_t) {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { throw Self.failure("open", pathOf(name)) }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else { throw Self.failure("stat", pathOf(name)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw DigestWriteError(operation: "open", path: pathOf(name), message: "not a regular file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(file, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure("read", pathOf(name))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return (bytes, status.st_mode & 0o7777)
    }

    /// Opens (creating it if needed) the file `name` for reading and writing, never through a link;
    /// returns the descriptor, or -1 with `errno` set.
    func openLockFile(_ name: String) -> Int32 {
        openat(descriptor, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
    }

    /// Removes the file (or link) `name`; a missing one is not an error.
    func remove(_ name: String) throws(DigestWriteError) {
        guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else { throw Self.failure("remove", pathOf(name)) }
    }

    /// Removes the subdirectory `name` if it is empty; returns whether it did.
    @discardableResult
    func removeEmptyDirectory(_ name: String) -> Bool {
        unlinkat(descriptor, name, AT_REMOVEDIR) == 0
    }

    /// Flushes the directory, so that the renames done in it survive a power loss.
    func sync() throws(DigestWriteError) {
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync directory", path) }
    }

    /// The kind of `name` from the listing's type, or from `lstat` when the file system does not say.
    private func kind(of name: String, type: UInt8) -> Kind {
        switch Int32(type) {
        case Int32(DT_DIR): return .directory
        case Int32(DT_REG): return .regularFile
        case Int32(DT_LNK): return .symbolicLink
        case Int32(DT_UNKNOWN):
            var status = stat()
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: return .directory
            case S_IFREG: return .regularFile
            case S_IFLNK: return .symbolicLink
            default: return .other
            }
        default: return .other
        }
    }

    static func failure(_ operation: String, _ path: String, code: Int32 = errno) -> DigestWriteError {
        let reason = code == ELOOP ? "is a symbolic link, which veilleur does not follow in its state folder" : String(cString: strerror(code))
        return DigestWriteError(operation: operation, path: path, errno: code, message: reason)
    }
}

/// `open(2)` and `read(2)`, named apart from the methods of the types that call them.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags)
    #else
    Darwin.open(path, flags)
    #endif
}

private func systemRead(_ file: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(file, buffer, count)
    #else
    Darwin.read(file, buffer, count)
    #endif
}
