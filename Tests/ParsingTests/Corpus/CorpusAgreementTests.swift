import Foundation
import Model
import Parsing
import Testing

/// Parses every feed of the shared corpus and compares each entry field with feedparser's reference outputs.
///
/// Reproduce the table with `swift test --skip-build --filter CorpusAgreementTests`; set `CORPUS_MISSES` to a
/// file path to get every disagreement there as tab-separated lines.
@Suite struct CorpusAgreementTests {
    static let skipped: Comment = "skipped: the shared corpus (../shared/corpus/feeds) is not beside this clone"

    @Test("Every corpus feed, bozo or not, parses without crashing", .enabled(if: CorpusFeed.isPresent, skipped))
    func everyCorpusFeedParses() throws {
        let feeds = try CorpusFeed.loadAll()
        try #require(feeds.count > 2000, "corpus not found at \(CorpusFeed.folder.path)")
        var parsed = 0
        for feed in feeds where (try? DocumentParser.parse(feed.bytes, url: feed.url, contentType: feed.contentType)) != nil {
            parsed += 1
        }
        #expect(parsed > feeds.count * 9 / 10)
    }

    /// An empty file must raise ParseError (the reference calls it a feed with no entries), so it is left out;
    /// bozo references come from feedparser's loose parser and are reported, not held to the floors.
    @Test("Every field of the non-bozo corpus entries agrees with feedparser at least as often as its floor",
          .enabled(if: CorpusFeed.isPresent, skipped))
    func everyFieldAgreesWithTheReference() throws {
        let feeds = try CorpusFeed.loadAll().filter { $0.bytes.contains(where: { $0 > 0x20 }) }
        try #require(feeds.count > 2000, "corpus not found at \(CorpusFeed.folder.path)")
        let errata = CorpusErratum.byKey
        let wellFormed = FieldAgreement.measure(feeds.filter { !$0.reference.bozo }, errata: errata)
        let bozo = FieldAgreement.measure(feeds.filter { $0.reference.bozo }, errata: errata)
        print("non-bozo " + wellFormed.table)
        print("bozo (reported only) " + bozo.table)
        try Self.writeMisses(wellFormed.misses + bozo.misses)

        for field in CorpusField.allCases {
            guard let floor = field.floor else { continue }
            #expect(wellFormed[field].value >= floor, "\(field.rawValue) below its floor\n\(wellFormed.table)")
        }
        #expect(wellFormed.failedFiles.isEmpty, "non-bozo feeds that raised ParseError: \(wellFormed.failedFiles)")
        let stale = Set(errata.keys).subtracting(wellFormed.usedErrata).subtracting(bozo.usedErrata)
        #expect(stale.isEmpty, "errata that no longer disagree (remove them): \(stale)")
    }

    private static func writeMisses(_ misses: [CorpusMiss]) throws {
        guard let path = ProcessInfo.processInfo.environment["CORPUS_MISSES"] else { return }
        let lines = misses.map { miss in
            [miss.field.rawValue, miss.path, String(miss.entry), String(format: "%.2f", miss.score),
             String(miss.ours.prefix(300)), String(miss.reference.prefix(300))]
                .map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: "\t")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
