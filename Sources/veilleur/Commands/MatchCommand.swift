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
        var output = StandardOutputBuffer()
        // Lines are cut on the newline byte: splitting a large text by Characters costs more than matching it.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        let chunks = MatchChunks(matcher: matcher, inputName: items, workers: ProcessInfo.processInfo.activeProcessorCount)
        chunks.run(lines) { result in
            for message in result.errors { StandardError.shared.writeLine(TerminalText.escaped(message)) }
            badLines += result.errors.count
            output.appendAndFlushIfFull(result.output)
        }
        output.flush()
        if badLines > 0 { throw ExitStatus.failure }
    }
}
