import ArgumentParser
import Daemon
import Foundation
import Matching
import Model

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
        let matcher = try config.load().matcher
        let text = items == "-"
            ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            : String(decoding: try InputFile.contents(of: items), as: UTF8.self)
        var badLines = 0
        var output: [UInt8] = []
        // Lines are cut on the newline byte: splitting a large text by Characters costs more than matching it.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        for (number, line) in lines.enumerated() where !Self.isBlank(line) {
            let item: FeedItem
            do {
                item = try ItemLine.parse(line)
            } catch {
                badLines += 1
                StandardError.shared.writeLine(TerminalText.escaped("\(items):\(number + 1):1: not an item: \(error)"))
                continue
            }
            // The lines printed name no matched words: finding them would be wasted.
            for match in matcher.matches(for: item, source: nil, withSurfaces: false) {
                JSONValue.object([
                    ("profile", .string(match.profile)),
                    ("id", .optional(item.id ?? item.link)),
                    ("link", .optional(item.link)),
                    ("score", .number((match.score * 1000).rounded() / 1000)),
                    ("topics", .array(match.topics.map(JSONValue.string))),
                    ("terms", .array(match.terms.map(JSONValue.string))),
                ]).write(to: &output)
                output.append(UInt8(ascii: "\n"))
            }
            if output.count >= Self.flushSize { Self.flush(&output) }
        }
        Self.flush(&output)
        if badLines > 0 { throw ExitStatus.failure }
    }

    /// Matches are gathered and written in writes of about this many bytes: a write per line cost more
    /// than matching when items have many matches.
    private static let flushSize = 1 << 16

    private static func flush(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        output.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
                if count < 0, errno == EINTR { continue }
                // A closed pipe ends the process by SIGPIPE, as print() did; any other failure drops the rest.
                guard count > 0 else { return }
                written += count
            }
        }
        output.removeAll(keepingCapacity: true)
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
