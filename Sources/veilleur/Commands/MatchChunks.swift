import Dispatch
import Foundation
import Matching
import Model
import Synchronization

/// The item lines of `veilleur match`, matched by chunks on every core and written in input order.
///
/// Items are independent, so the lines are cut into chunks of ``chunkLines`` that the cores take one after
/// the other; a window of chunks is matched at once, then written whole, so that memory stays bounded by a
/// window's output whatever the input's size.
struct MatchChunks {
    /// What one chunk gave: its output lines, and the messages for its lines that are not items, in order.
    struct Result: Sendable {
        var output: [UInt8] = []
        var errors: [String] = []
    }

    /// Lines per chunk: enough that taking a chunk costs nothing beside matching it, few enough that the
    /// cores finish a window together.
    static let chunkLines = 256

    let matcher: Matcher
    /// The input's name in messages.
    let inputName: String
    let workers: Int

    /// Matches `lines` (numbered from 1 in messages) and hands each chunk's result to `write`, in order.
    func run(_ lines: [Substring], write: (Result) -> Void) {
        let chunkCount = (lines.count + Self.chunkLines - 1) / Self.chunkLines
        let window = max(1, workers * 4)
        var first = 0
        while first < chunkCount {
            let count = min(window, chunkCount - first)
            let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
            let base = first
            if workers > 1, count > 1 {
                DispatchQueue.concurrentPerform(iterations: count) { offset in
                    let result = matchChunk(lines, number: base + offset)
                    results.withLock { $0[offset] = result }
                }
            } else {
                for offset in 0..<count {
                    let result = matchChunk(lines, number: base + offset)
                    results.withLock { $0[offset] = result }
                }
            }
            for result in results.withLock({ $0 }) {
                if let result { write(result) }
            }
            first += count
        }
    }

    /// Matches chunk `chunk` of `lines`, its items as one batch.
    private func matchChunk(_ lines: [Substring], number chunk: Int) -> Result {
        var result = Result()
        let start = chunk * Self.chunkLines
        var items: [FeedItem] = []
        for number in start..<min(start + Self.chunkLines, lines.count) where !Self.isBlank(lines[number]) {
            do {
                items.append(try ItemLine.parse(lines[number]))
            } catch {
                result.errors.append("\(inputName):\(number + 1):1: not an item: \(error)")
            }
        }
        // The lines printed name no matched words: finding them would be wasted.
        for (item, matches) in zip(items, matcher.matches(for: items, source: nil, withSurfaces: false)) {
            for match in matches {
                JSONValue.object([
                    ("profile", .string(match.profile)),
                    ("id", .optional(item.id ?? item.link)),
                    ("link", .optional(item.link)),
                    ("score", .number((match.score * 1000).rounded() / 1000)),
                    ("topics", .array(match.topics.map(JSONValue.string))),
                    ("terms", .array(match.terms.map(JSONValue.string))),
                ]).write(to: &result.output)
                result.output.append(UInt8(ascii: "\n"))
            }
        }
        return result
    }

    /// Whether every character of `line` is whitespace; ASCII is read byte by byte, and only a line with
    /// other bytes before its first visible character is read by Characters.
    private static func isBlank(_ line: Substring) -> Bool {
        for byte in line.utf8 {
            switch byte {
            case 0x20, 0x09...0x0D: continue
            case 0x80...: return line.allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}
