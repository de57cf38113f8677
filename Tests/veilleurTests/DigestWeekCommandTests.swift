import Foundation
import Model
import Testing

/// `veilleur digest` with weekly schedules: `--date YYYY-Www`, and this week written beside today.
@Suite("Weekly digests on demand")
struct DigestWeekCommandTests {
    /// A configuration whose only profile is written weekly, in Paris.
    private func configuration(in folder: borrowing TemporaryFolder) throws -> URL {
        let config = folder.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        _ = try folder.file("config/sources.yaml", Array("sources:\n  - name: news\n    url: http://127.0.0.1:9/news.xml\n".utf8))
        _ = try folder.file("config/profiles/hebdo.yaml", Array("""
            kind: cluster
            topics:
              - name: T
                any: [recyclage]
            digest: {weekly: {day: vendredi, time: "17:00"}, timezone: Europe/Paris}

            """.utf8))
        return config
    }

    /// This week in Paris, read before and after the command so that a run across Sunday midnight still passes.
    private func thisWeek() -> String {
        DigestPeriod(of: Date(), in: TimeZone(identifier: "Europe/Paris")!, kind: .week).description
    }

    @Test("Without --date, a profile with a weekly schedule only gets this week's digest")
    func thisWeekIsWritten() throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let state = folder.url.appendingPathComponent("state")
        let before = thisWeek()
        let result = try CommandRunner.run(["digest", "--config", config.path, "--state", state.path, "--quiet"])
        let weeks = Set([before, thisWeek()])
        #expect(result.status == 0, "\(result.stderr)")
        let written = result.stdout.split(separator: "\n").map(String.init)
        #expect(written.count == 3)
        #expect(written.allSatisfy { line in weeks.contains { line.contains("/digests/\($0)/hebdo.") } }, "\(written)")
    }

    @Test("--date takes an ISO week, and refuses one that does not exist or has not begun")
    func weeksAsDates() throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let state = folder.url.appendingPathComponent("state")
        let invalid = try CommandRunner.run(["digest", "--config", config.path, "--state", state.path, "--date", "2025-W53"])
        #expect(invalid.status == 64)
        #expect(invalid.stderr.contains("--date must be a day such as 2026-11-26 or a week such as 2026-W48, not '2025-W53'"))
        let future = try CommandRunner.run(["digest", "--config", config.path, "--state", state.path, "--date", "9999-W01"])
        #expect(future.status == 64, "\(future.stderr)")
        #expect(future.stderr.contains("--date 9999-W01 is after today"), "\(future.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("digests/9999-W01").path))
    }
}
