import Dispatch
import Foundation
import Model
import Synchronization

/// The lines `parse` prints, made and written to standard output on a thread of their own, in the order the
/// items come: encoding a feed's items and writing them (waiting, when a pipe is full, for its reader) then
/// overlap reading the next items instead of following it.
///
/// Items are handed over in batches, at most `maxBatchesAhead` of them waiting, so that memory stays bounded
/// whatever the input's size and a slow reader slows the parse down rather than lets lines pile up.
/// `drain()` returns once everything handed over is written: a message on standard error then follows the
/// lines printed before it, as when they were written on the spot.
final class ItemLineWriter: Sendable {
    /// An item and the title of its feed.
    typealias Line = (item: FeedItem, feedTitle: String?)

    /// Items the parse gathers before it hands them over: enough that a handover costs nothing beside
    /// encoding them, few enough that the writer starts early.
    static let batchSize = 128
    /// Batches handed over and not yet encoded, at most.
    static let maxBatchesAhead = 4

    private let jsonl: Bool
    private let queue = DispatchQueue(label: "veilleur.parse.output")
    private let room = DispatchSemaphore(value: maxBatchesAhead)
    /// Batches handed over and not yet encoded: when none is left, what is held is written without waiting
    /// for a full block, so that the lines of a slow input (a URL) show as soon as it is read.
    private let waiting = Atomic<Int>(0)
    /// Used on `queue` only; behind a lock so that the writer can be shared with the thread that hands over.
    private let output = Mutex(StandardOutputBuffer())

    init(jsonl: Bool) {
        self.jsonl = jsonl
    }

    /// Hands `batch` over to be written after the batches before it; waits while `maxBatchesAhead` wait.
    func write(_ batch: [Line]) {
        guard !batch.isEmpty else { return }
        room.wait()
        waiting.add(1, ordering: .relaxed)
        queue.async { [self] in
            output.withLock { buffer in
                for line in batch {
                    append(line, to: &buffer.bytes)
                    buffer.flushIfFull()
                }
                if waiting.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { buffer.flush() }
            }
            room.signal()
        }
    }

    /// Returns once every line handed over is written.
    func drain() {
        queue.sync { output.withLock { $0.flush() } }
    }

    private func append(_ line: Line, to bytes: inout [UInt8]) {
        if jsonl {
            ItemLine.write(line.item, feedTitle: line.feedTitle, to: &bytes)
        } else {
            let item = line.item
            let date = item.date.map { $0.formatted(.iso8601) } ?? "-"
            bytes.append(contentsOf: "\(date)  \(TerminalText.escaped(item.title ?? "(no title)"))  \(TerminalText.escaped(item.link ?? ""))".utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
