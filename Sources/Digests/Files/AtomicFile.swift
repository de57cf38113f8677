import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the new, never a part, even across a crash.
enum AtomicFile {
    /// Replaces `name` in `directory` with `bytes`: a temporary file `.NAME.tmp-XXXXXX` is created beside
    /// it (exclusively, never through a link), written, given `mode`, flushed to disk, then renamed over
    /// `name`. A link at `name` is replaced, never followed. Call ``DirectoryHandle/sync()`` afterwards for
    /// the rename itself to survive a power loss. On failure the temporary file is removed and `name` is untouched.
    static func replace(_ name: String, in directory: DirectoryHandle, with bytes: [UInt8], mode: mode_t) throws(DigestWriteError) {
        var temporary = ""
        var file: Int32 = -1
        // Six random letters or digits, as mkstemp would choose; a name already taken is drawn again.
        for _ in 0..<100 where file < 0 {
            temporary = ".\(name).tmp-" + String((0..<6).map { _ in alphabet.randomElement()! })
            file = openat(directory.descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if file < 0 && errno != EEXIST { break }
        }
        guard file >= 0 else { throw DirectoryHandle.failure("create temporary file", directory.path) }
        var renamed = false
        defer { if !renamed { unlinkat(directory.descriptor, temporary, 0) } }

        do {
            defer { close(file) }
            try writeAll(bytes, to: file, path: directory.pathOf(temporary))
            guard fchmod(file, mode) == 0 else { throw DirectoryHandle.failure("chmod", directory.pathOf(temporary)) }
            guard fsync(file) == 0 else { throw DirectoryHandle.failure("fsync", directory.pathOf(temporary)) }
        }
        guard renameat(directory.descriptor, temporary, directory.descriptor, name) == 0 else {
            throw DirectoryHandle.failure("rename", directory.pathOf(name))
        }
        renamed = true
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    private static func writeAll(_ bytes: [UInt8], to file: Int32, path: String) throws(DigestWriteError) {
        let code: Int32 = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(file, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        guard code == 0 else { throw DirectoryHandle.failure("write", path, code: code) }
    }

    /// `write(2)`, named apart from this type's methods.
    private static func systemWrite(_ file: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(file, buffer, count)
        #else
        Darwin.write(file, buffer, count)
        #endif
    }
}
