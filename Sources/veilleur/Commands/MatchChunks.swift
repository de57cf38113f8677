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
        var itemFields: [UInt8] = []
        for (item, matches) in zip(items, matcher.matches(for: items, source: nil, withSurfaces: false)) where !matches.isEmpty {
            // The item's part of the line is the same for each of its matches: written once.
            itemFields.removeAll(keepingCapacity: true)
            itemFields.append(contentsOf: #","id":"#.utf8)
            JSONValue.optional(item.id ?? item.link).write(to: &itemFields)
            itemFields.append(contentsOf: #","link":"#.utf8)
            JSONValue.optional(item.link).write(to: &itemFields)
            itemFields.append(contentsOf: #","score":"#.utf8)
            for match in matches { Self.write(match, itemFields: itemFields, to: &result.output) }
        }
        return result
    }

    /// Writes the line of `match`: `{"profile":…,"id":…,"link":…,"score":…,"topics":[…],"terms":[…]}`, the
    /// JSON `JSONValue.object` gives for those fields, without building one per match (most items have
    /// dozens at 50,000 terms). `itemFields` is the part from `,"id":` to `"score":`.
    private static func write(_ match: Match, itemFields: [UInt8], to out: inout [UInt8]) {
        out.append(contentsOf: #"{"profile":"#.utf8)
        JSONValue.writeString(match.profile, to: &out)
        out.append(contentsOf: itemFields)
        JSONValue.measure(match.score).write(to: &out)
        out.append(contentsOf: #","topics":"#.utf8)
        writeStrings(match.topics, to: &out)
        out.append(contentsOf: #","terms":"#.utf8)
        writeStrings(match.terms, to: &out)
        out.append(contentsOf: "}\n".utf8)
    }

    private static func writeStrings(_ strings: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
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
