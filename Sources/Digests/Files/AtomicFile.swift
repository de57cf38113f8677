import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the new, never a part, even across a crash.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `url`, flushes it to disk, renames it over `url`
    /// and flushes the directory so the rename itself survives a power loss.
    ///
    /// The file is created with mode 0644. On failure the temporary file is removed and `url` is untouched.
    public static func write(_ bytes: [UInt8], to url: URL) throws(DigestWriteError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure("create temporary file", directory) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }

        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fchmod(descriptor, 0o644) == 0 else { throw failure("chmod", temporary) }
            guard fsync(descriptor) == 0 else { throw failure("fsync", temporary) }
        }
        guard rename(temporary, path) == 0 else { throw failure("rename", path) }
        renamed = true

        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard directoryDescriptor >= 0 else { throw failure("open directory", directory) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync directory", directory) }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(DigestWriteError) {
        let code: Int32 = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        guard code == 0 else { throw failure("write", path, code: code) }
    }

    /// `write(2)`, named apart from this type's `write`.
    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func failure(_ operation: String, _ path: String, code: Int32 = errno) -> DigestWriteError {
        DigestWriteError(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
    }
}
