import ArgumentParser
import Daemon
import Dispatch
import Foundation
import Matching
import Model
import Synchronization

/// `veilleur match`: score items against every profile.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Score items (the `parse --jsonl` shape) against all profiles.",
        discussion: "Prints one JSON object {profile, id, link, score, topics, terms} per item and profile at or above the profile's threshold."
    )

    @OptionGroup var config: ConfigOptions
    @Option(name: .long, help: ArgumentHelp("Items as JSON lines, or - for standard input.", valueName: "file.jsonl"))
    var items: String

    func run() throws {
        // The items are read and cut into lines on another core while the profiles are compiled: both take
        // a fraction of a second at 50,000 terms, before any item can be matched.
        let items = self.items
        let read = Mutex<Result<[Substring], any Error>?>(nil)
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            let lines = Result { try Self.lines(of: items) }
            read.withLock { $0 = lines }
        }
        let matcher = try config.load().matcher
        reading.wait()
        // Set before the group is left.
        let lines = try read.withLock { $0 }!.get()
        var badLines = 0
        var output = StandardOutputBuffer()
        let chunks = MatchChunks(matcher: matcher, inputName: items, workers: ProcessInfo.processInfo.activeProcessorCount)
        chunks.run(lines) { result in
            for message in result.errors { StandardError.shared.writeLine(TerminalText.escaped(message)) }
            badLines += result.errors.count
            output.appendAndFlushIfFull(result.output)
        }
        output.flush()
        if badLines > 0 { throw ExitStatus.failure }
    }

    /// The lines of the items file `items` (`-` for standard input).
    private static func lines(of items: String) throws -> [Substring] {
        var text = items == "-"
            ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            : String(decoding: try InputFile.contents(of: items), as: UTF8.self)
        // Lines are cut on the newline byte, found by memchr: splitting a large text by Characters costs more
        // than matching it, and the generic split of its bytes a tenth of matching it.
        let offsets: [Int] = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [] }
            var ends: [Int] = []
            var start = 0
            while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                ends.append(end)
                start = end + 1
            }
            return ends
        }
        var lines: [Substring] = []
        lines.reserveCapacity(offsets.count + 1)
        let utf8 = text.utf8
        var start = utf8.startIndex
        for end in offsets {
            let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(Substring(utf8[start..<endIndex]))
            start = utf8.index(after: endIndex)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }
}
