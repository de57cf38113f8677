#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input list (`parse --files-from`) cannot be read, or one of its lines cannot be taken.
struct InputListError: Error, Equatable, CustomStringConvertible {
    enum Problem: Equatable {
        case unreadable(reason: String)
        case directory
        case lineTooLong
        case nulByte
        case notUTF8
        case tooManyEntries
    }

    /// The list as named on the command line (`-` is standard input).
    var list: String
    /// The line the problem is on, when it is about one line.
    var line: Int?
    var problem: Problem

    var description: String {
        let name = list == "-" ? "standard input" : list
        let place = line.map { "\(name):\($0)" } ?? name
        switch problem {
        case .unreadable(let reason): return "\(place) cannot be read (\(reason))"
        case .directory: return "\(place) is a directory"
        case .lineTooLong: return "\(place): line longer than \(InputList.maxLineBytes) bytes, skipped"
        case .nulByte: return "\(place): line holds a NUL byte, skipped"
        case .notUTF8: return "\(place): line is not UTF-8, skipped"
        case .tooManyEntries: return "\(place): more than \(InputList.maxEntries) entries, the rest is not read"
        }
    }
}

/// The entries of an input list, one file or URL a line, read from a file or standard input as they are
/// asked for, so that a list of any length is never held whole and parsing starts at once.
///
/// Lines end with LF, a CR before it is dropped, blank lines are skipped; nothing else is trimmed, since a
/// path may end with a space. A list is untrusted input (`find` output, a pipe from a script): a line longer
/// than `maxLineBytes`, holding a NUL or not UTF-8 is reported and skipped, its bytes never gathered
/// beyond the bound, and reading stops after `maxEntries` entries, so `yes | veilleur parse --files-from -`
/// ends and `/dev/zero` or a binary file costs one buffer.
struct InputList: ~Copyable {
    /// Bytes in one entry at most: Linux's PATH_MAX, longer than any URL a feed reader meets.
    static let maxLineBytes = 4096
    /// Entries read from one list at most.
    static let maxEntries = 1_000_000
    /// Bytes asked of the descriptor at a time.
    static let chunkSize = 64 * 1024

    /// The list as named on the command line.
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read and not yet split into lines, from `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var stopped = false
    private var lineNumber = 0
    private var entries = 0

    /// The list at `path`, or standard input for `-`. A FIFO is read as the pipe it is (`<(find …)`),
    /// since a person naming a list means it to be read.
    init(path: String) throws(InputListError) {
        let opened = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw InputListError(list: path, problem: .unreadable(reason: Self.reason(errno))) }
        // Checked before the list owns the descriptor: a list refused here closes it once, and never again.
        var info = stat()
        if fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            if path != "-" { close(opened) }
            throw InputListError(list: path, problem: .directory)
        }
        name = path
        descriptor = opened
        ownsDescriptor = path != "-"
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next entry, nil at the end of the list. A line that cannot be taken throws, and the entries after
    /// it still come from the next calls; a list that cannot be read further, or has given `maxEntries`,
    /// throws once and then ends.
    mutating func next() throws(InputListError) -> String? {
        while !stopped {
            guard let line = try nextLine() else { return nil }
            lineNumber += 1
            guard case .text(var bytes) = line else { throw problem(.lineTooLong) }
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.isEmpty { continue }
            guard bytes.count <= Self.maxLineBytes else { throw problem(.lineTooLong) }
            guard entries < Self.maxEntries else {
                stopped = true
                throw problem(.tooManyEntries)
            }
            guard !bytes.contains(0) else { throw problem(.nulByte) }
            guard let entry = String(validating: bytes, as: UTF8.self) else { throw problem(.notUTF8) }
            entries += 1
            return entry
        }
        return nil
    }

    private enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong
    }

    /// The next line without its LF, or `tooLong` once the rest of a line over the bound has been read past.
    private mutating func nextLine() throws(InputListError) -> Line? {
        var discarding = false
        // A CR may come before the LF: one byte more than the bound is let in for it.
        let bound = Self.maxLineBytes + 1
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                return discarding || line.count > bound ? .tooLong : .text(line)
            }
            if buffer.count - start > bound {
                discarding = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if atEnd {
                if discarding { return .tooLong }
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return .text(line)
            }
            try fill()
        }
    }

    /// Reads the next chunk after the bytes not yet split; at the end of the input, sets `atEnd`.
    private mutating func fill() throws(InputListError) {
        buffer.removeSubrange(..<start)
        start = 0
        let kept = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        var count: Int
        repeat {
            count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + kept, Self.chunkSize) }
        } while count < 0 && errno == EINTR
        let code = errno
        buffer.removeLast(Self.chunkSize - max(count, 0))
        if count == 0 { atEnd = true }
        guard count >= 0 else {
            stopped = true
            throw InputListError(list: name, problem: .unreadable(reason: Self.reason(code)))
        }
    }

    private func problem(_ problem: InputListError.Problem) -> InputListError {
        InputListError(list: name, line: lineNumber, problem: problem)
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        default: String(cString: strerror(code))
        }
    }
}
