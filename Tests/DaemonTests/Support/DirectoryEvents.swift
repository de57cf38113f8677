import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Records what happens in one directory through inotify: which entries are opened and which are renamed
/// into it. Events queue in the kernel while the code under test runs; `drain()` reads them afterwards.
final class DirectoryEvents {
    /// One event: the entry's name (empty for the watched directory itself) and the inotify mask.
    struct Event: Equatable {
        var name: String
        var mask: UInt32
    }

    private let descriptor: Int32

    init(watching directory: URL) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard inotify_add_watch(descriptor, directory.path, UInt32(IN_OPEN) | UInt32(IN_MOVED_TO)) >= 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Every event queued since the last call.
    func drain() -> [Event] {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return events }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (mask, length) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                events.append(Event(name: String(decoding: nameBytes, as: UTF8.self), mask: mask))
                offset += header + length
            }
        }
    }

    /// How many times `name` was opened (`""`: the watched directory itself).
    static func opens(of name: String, in events: [Event]) -> Int {
        events.filter { $0.name == name && $0.mask & UInt32(IN_OPEN) != 0 }.count
    }

    /// How many times an entry was renamed onto `name`.
    static func renames(onto name: String, in events: [Event]) -> Int {
        events.filter { $0.name == name && $0.mask & UInt32(IN_MOVED_TO) != 0 }.count
    }
}
