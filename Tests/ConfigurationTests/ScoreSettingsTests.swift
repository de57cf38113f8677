import Configuration
import Foundation
import Testing

/// `threshold`, `min_score` and `recency` in a profile file: what `check` refuses, at the value's place.
@Suite("Score settings")
struct ScoreSettingsTests {
    private func issues(_ profile: String) throws -> [String] {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues.map { $0.description.replacingOccurrences(of: folder.path("profiles/p.yaml"), with: "p.yaml") }
        }
    }

    private let topics = "topics:\n  - name: A\n    keywords: [a]\n"

    @Test("A threshold is between 0 and 100")
    func thresholdRange() throws {
        #expect(try issues("kind: cluster\nthreshold: 150\n" + topics) == ["p.yaml:2:12: threshold must be between 0 and 100, found 150"])
        #expect(try issues("kind: cluster\nthreshold: 35\n" + topics) == [])
    }

    @Test("A threshold and a min_score together are refused at the min_score")
    func bothThresholds() throws {
        #expect(try issues("kind: cluster\nmin_score: 2\nthreshold: 35\n" + topics) == [
            "p.yaml:2:12: threshold and min_score are both set; keep threshold (0-100) and remove min_score (raw points)",
        ])
    }

    @Test("Recency settings are checked")
    func recencyChecks() throws {
        #expect(try issues("kind: cluster\nrecency: {floor: 2}\n" + topics) == ["p.yaml:2:18: floor must be between 0 and 1, found 2"])
        #expect(try issues("kind: cluster\nrecency: {halflife: 7d}\n" + topics).first?.contains("unknown key 'halflife'") == true)
        #expect(try issues("kind: cluster\nrecency: maybe\n" + topics).first?.contains("expected true or false") == true)
        #expect(try issues("kind: cluster\nrecency: {grace: 1d, half_life: 14d, floor: 0}\n" + topics) == [])
    }
}
