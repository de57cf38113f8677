import Configuration
import Foundation
import Testing

/// `retention.content` and `retention.identity` in `veilleur.yaml`.
@Suite struct RetentionSettingsTests {
    private func load(_ settings: String) throws -> (Result<Settings, ConfigurationError>, path: String) {
        try loadSettings(settings)
    }

    @Test("Without a retention block, text is kept 180 days and identity keys two years")
    func defaults() throws {
        let settings = try load("default_interval: 1h\n").0.get()
        #expect(settings.retention == Retention(content: 180 * 86_400, identity: 730 * 86_400))
    }

    @Test("Limits are read in days, weeks or years")
    func valuesAreRead() throws {
        let settings = try load("retention: {content: 26w, identity: 3y}\n").0.get()
        #expect(settings.retention == Retention(content: 26 * 7 * 86_400, identity: 3 * 365 * 86_400))
    }

    @Test(
        "A content limit under eight days, an identity limit shorter than the content's, a limit beyond a century or not a duration are located",
        arguments: [
            ("retention:\n  content: 7d\n", "2:12: retention.content must be at least 8d, longer than a weekly digest and the near-duplicate window; found '7d'"),
            ("retention:\n  content: 1y\n  identity: 30d\n", "3:13: retention.identity must be at least retention.content: an item's identity outlives its text (default 2y)"),
            ("retention:\n  content: 200y\n", "2:12: retention.content must be a duration such as '180d', '26w' or '2y', at most 100y; found '200y'"),
            ("retention:\n  identity: forever\n", "2:13: retention.identity must be a duration such as '180d', '26w' or '2y', at most 100y; found 'forever'"),
            ("retention:\n  content: -5d\n", "2:12: retention.content must be a duration such as '180d', '26w' or '2y', at most 100y; found '-5d'"),
            ("retention:\n  keep: 1y\n", "2:3: unknown key 'keep'; expected one of: content, identity"),
        ])
    func mistakesAreLocated(text: String, issue: String) throws {
        let (result, path) = try load(text)
        guard case .failure(let error) = result else {
            Issue.record("the settings should not load")
            return
        }
        #expect(error.issues.map(\.description) == ["\(path):\(issue)"])
    }
}
