import Digests
import Foundation
import Model

/// 2026-11-26T07:00:00Z, fixed so that tests never read the clock.
let generated = Date(timeIntervalSince1970: 1_795_676_400)

/// The day the tests write on: after every period they write, before 9999-12-31.
let today = DigestPeriod(year: 2026, month: 11, day: 30)!

extension DigestWriter {
    /// Writes one digest in a run of its own, on the tests' `today`.
    func write(_ digest: Digest) throws(DigestWriteError) -> [URL] {
        try write(digest, today: today)
    }
}

func digest(
    profile: String = "xr", period: String = "2026-11-26", language: String = "fr", maxItems: Int = 10, _ entries: [DigestEntry]
) -> Digest {
    Digest(
        profile: profile, profileName: "Réalité étendue", kind: "technologie", language: language,
        period: period, generatedAt: generated, maxItems: maxItems, entries: entries
    )
}

func entry(_ title: String, score: Double, link: String? = nil, published: Date? = nil, snippet: String? = nil) -> DigestEntry {
    DigestEntry(
        title: title, link: link ?? "https://news.example/\(title.lowercased())", source: "Exemple",
        published: published, score: score, topics: ["Casques"], terms: ["réalité augmentée"], snippet: snippet
    )
}

/// A fresh directory, removed when the test ends.
struct TemporaryDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-digests-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func contents(of directory: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (directory ?? url).path).sorted()
    }
}
