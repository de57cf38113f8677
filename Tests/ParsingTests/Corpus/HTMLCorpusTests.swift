import Foundation
import Model
import Parsing
import Testing

/// Reads every page of `../shared/corpus/html/` and compares its title and main text with readability's
/// expected output: title agreement and mean token F1 of the main text, with a line per page.
@Suite struct HTMLCorpusTests {
    static let skipped: Comment = "skipped: the shared corpus (../shared/corpus/html) is not beside this clone"

    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/html/readability").standardizedFileURL

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// One page's outcome.
    struct PageScore {
        var name: String
        var titleAgrees: Bool
        var textF1: Double
        var ourTitle: String?
        var expectedTitle: String?
    }

    private struct Metadata: Decodable {
        var title: String?
    }

    static func measure() throws -> [PageScore] {
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try pages.map { name in
            let page = folder.appendingPathComponent(name)
            let source = try Array(Data(contentsOf: page.appendingPathComponent("source.html")))
            let expectedText = try String(contentsOf: page.appendingPathComponent("expected.txt"), encoding: .utf8)
            let metadata = try JSONDecoder().decode(Metadata.self, from: Data(contentsOf: page.appendingPathComponent("expected-metadata.json")))
            let document = try DocumentParser.parse(source, url: nil, contentType: "text/html; charset=utf-8")
            let item = document.items.first
            return PageScore(
                name: name, titleAgrees: FieldAgreement.collapsed(item?.title) == FieldAgreement.collapsed(metadata.title),
                textF1: TokenF1.score(item?.contentText ?? "", expectedText), ourTitle: item?.title, expectedTitle: metadata.title)
        }
    }

    @Test("Page titles agree with readability's on at least 95% of the corpus, and main text scores a mean token F1 of 0.80",
          .enabled(if: isPresent, skipped))
    func titlesAndMainTextAgree() throws {
        let scores = try Self.measure()
        try #require(!scores.isEmpty)
        var lines = ["page                 title  text F1"]
        for score in scores {
            lines.append(
                score.name.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + (score.titleAgrees ? "yes  " : "no   ")
                    + String(format: "  %.3f", score.textF1)
                    + (score.titleAgrees ? "" : "   ours: \(score.ourTitle ?? "-") | expected: \(score.expectedTitle ?? "-")"))
        }
        let titles = Double(scores.filter(\.titleAgrees).count) / Double(scores.count)
        let text = scores.map(\.textF1).reduce(0, +) / Double(scores.count)
        lines.append(String(format: "all %d pages        %.1f%%  %.3f", scores.count, titles * 100, text))
        print(lines.joined(separator: "\n"))
        #expect(titles >= 0.95)
        #expect(text >= 0.80)
    }
}
