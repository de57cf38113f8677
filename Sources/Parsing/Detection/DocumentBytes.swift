/// The bytes of a document being read: a range of the caller's buffer, borrowed for the length of one
/// parse, or a rewritten copy (decoded from windows-1252, controls replaced, references rewritten). Borrowing
/// lets a document held in memory the parser does not own (a mapped file) be read without a copy of it.
///
/// Never outlives the call it was made in: a borrowed range is valid only while the caller's buffer is.
enum DocumentBytes {
    case borrowed(UnsafeBufferPointer<UInt8>)
    case owned(ArraySlice<UInt8>)

    /// Calls `body` with the bytes, contiguous.
    func withBuffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch self {
        case .borrowed(let buffer): try body(buffer)
        case .owned(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    var count: Int {
        switch self {
        case .borrowed(let buffer): buffer.count
        case .owned(let bytes): bytes.count
        }
    }

    var isEmpty: Bool { count == 0 }

    func starts(with prefix: [UInt8]) -> Bool {
        withBuffer { $0.starts(with: prefix) }
    }

    /// These bytes without the first `count`.
    func dropFirst(_ count: Int) -> DocumentBytes {
        switch self {
        case .borrowed(let buffer): .borrowed(UnsafeBufferPointer(rebasing: buffer.dropFirst(count)))
        case .owned(let bytes): .owned(bytes.dropFirst(count))
        }
    }
}
