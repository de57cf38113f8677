import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// `STATE/alerts/`: one JSON file per alert, each written atomically, so that a reader watching the
/// folder sees a whole file or none.
public struct AlertFolder: Sendable {
    /// The folder.
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Writes `data` as `name` in the folder (created if needed): to a hidden temporary file first, flushed
    /// to disk, then renamed over `name`, and the folder flushed so that the rename survives a crash.
    /// Writing the same alert again replaces its file with the same bytes.
    /// - Returns: the file's path.
    @discardableResult
    public func write(_ data: Data, named name: String) throws(AlertError) -> String {
        let folder = url.path
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw AlertError(path: folder, step: "create folder", code: Int32((error as NSError).code))
        }
        let final = folder + "/" + name
        // Hidden and not `.json`: a reader of `*.json` never opens a file being written.
        let temporary = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AlertError(path: temporary, step: "open", code: errno) }
        var failure = Self.writeAll(data, to: descriptor).map { AlertError(path: temporary, step: "write", code: $0) }
        if failure == nil, fsync(descriptor) != 0 { failure = AlertError(path: temporary, step: "fsync", code: errno) }
        close(descriptor)
        if failure == nil, rename(temporary, final) != 0 { failure = AlertError(path: final, step: "rename", code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw AlertError(path: folder, step: "open", code: errno) }
        defer { close(directory) }
        guard fsync(directory) == 0 else { throw AlertError(path: folder, step: "fsync", code: errno) }
        return final
    }

    /// Writes the whole of `data`; the `errno` of a failure.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}

/// `write(2)`, named apart from ``AlertFolder/write(_:named:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
