import Configuration
import Daemon
import Foundation
import Model
import Testing
@testable import veilleur

/// `veilleur backtest` run as a person or a script runs it: on a state crawled from loopback feeds, after
/// the profile was edited on disk.
@Suite struct BacktestCommandTests {
    /// The CrawlSite profile edited three ways: "appel à projets" dropped (the five alerted items earn 6
    /// points instead of 12, so score 50 instead of 66.67 against the reference of 6, weight 2 × title 3),
    /// "chronique" added (five more items), and the source `flux-3` excluded.
    static let editedProfile = """
        name: "Veille hydrogène"
        kind: filière
        min_score: 1
        topics:
          - name: Hydrogène
            weight: 2
            keywords: [hydrogène, chronique]
        sources:
          exclude: [flux-3]
        """

    /// A state crawled from a ``CrawlSite`` with its profile as first written, and that profile then edited.
    struct CrawledState: ~Copyable {
        let site: CrawlSite
        let folder: TemporaryFolder
        let config: String
        var state: String { folder.url.appendingPathComponent("state").path }
        var database: String { folder.url.appendingPathComponent("state/veilleur.sqlite").path }

        init() throws {
            let site = try CrawlSite()
            let folder = try TemporaryFolder()
            let config = try site.writeConfiguration(in: folder.url).path
            let crawl = try CommandRunner.run(["crawl", "--once", "--all", "--config", config, "--state", folder.url.appendingPathComponent("state").path])
            #expect(crawl.status == 0, "\(crawl.stderr)")
            try BacktestCommandTests.editedProfile.write(toFile: config + "/profiles/veille.yaml", atomically: true, encoding: .utf8)
            self.site = site
            self.folder = folder
            self.config = config
        }

        func backtest(_ extra: [String] = []) throws -> CommandRunner.Result {
            try CommandRunner.run(["backtest", "--config", config, "--state", state, "--profile", "veille"] + extra)
        }
    }

    @Test("the built binary lists what an edited profile adds, removes and re-ranks, and ends with the summary")
    func binaryPrintsTheDifferences() throws {
        let crawled = try CrawledState()
        let result = try crawled.backtest()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.dropLast().last == "10 items replayed; would alert 8 (was 5): +4 added, −1 removed, 4 re-ranked", "\(result.stdout)")
        #expect(lines.first?.hasPrefix("profile veille (Veille hydrogène), threshold 14.29 (min_score 1.00 in points); items first stored since ") == true)

        func section(_ heading: String) -> [String] {
            guard let start = lines.firstIndex(where: { $0.hasPrefix(heading + " (") }) else { return [] }
            return Array(lines[(start + 2)...].prefix { !$0.isEmpty })
        }
        let added = section("added")
        #expect(added.count == 4)
        #expect(added.allSatisfy { $0.contains("– → ") && $0.contains("– → 50.00") && $0.contains("Chronique") }, "\(added)")
        #expect(Set(added.compactMap { $0.firstMatch(of: /Chronique (\d)\.2/).map { String($0.1) } }) == ["1", "2", "4", "5"])
        let removed = section("removed")
        #expect(removed.count == 1)
        #expect(removed.first?.contains("66.67 → –") == true && removed.first?.contains("flux-3") == true, "\(removed)")
        #expect(removed.first?.contains("appel à projets 3") == true)
        let reranked = section("re-ranked")
        #expect(reranked.count == 4)
        #expect(reranked.allSatisfy { $0.contains("66.67 → 50.00") && !$0.contains("flux-3") }, "\(reranked)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("--limit cuts each table and says how many more there are")
    func limitCutsTables() throws {
        let crawled = try CrawledState()
        let result = try crawled.backtest(["--limit", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "… and 2 more (--limit 0 lists them all)").count == 3, "added and re-ranked: \(result.stdout)")
        #expect(result.stdout.hasSuffix("+4 added, −1 removed, 4 re-ranked\n"))
    }

    @Test("a backtest commits nothing and changes no byte of the database, and runs while a daemon holds the state folder")
    func changesNothingAndTakesNoLock() async throws {
        let crawled = try CrawledState()
        let before = try #require(FileManager.default.contents(atPath: crawled.database))
        let watch = try DatabaseWatch(path: crawled.database)
        let version = try watch.dataVersion()
        let daemon = try await StateLock.acquire(StateLayout(root: URL(fileURLWithPath: crawled.state)), role: .daemon)
        let result = try crawled.backtest(["--json"])
        withExtendedLifetime(daemon) {}
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try watch.dataVersion() == version, "another connection committed")
        let wal = FileManager.default.contents(atPath: crawled.database + "-wal")
        #expect(wal == nil || wal?.isEmpty == true, "nothing was written to the write-ahead log")
        #expect(FileManager.default.contents(atPath: crawled.database) == before)
    }

    @Test("a duration that is not hours, days or weeks is a usage error", arguments: ["30", "0d", "1m", "-2d", "d", "2.5d", "+2d", "99999w"])
    func badSinceIsUsage(since: String) throws {
        let result = try CommandRunner.run(["backtest", "--profile", "veille", "--since", since])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--since"), "\(result.stderr)")
    }

    @Test("--since reads whole hours, days and weeks", arguments: [("12h", 43_200.0), ("30d", 2_592_000.0), ("2w", 1_209_600.0)])
    func sinceDurations(text: String, seconds: Double) throws {
        #expect(try #require(Lookback(argument: text)).seconds == seconds)
    }

    @Test("the listing shows titles, sources and profile names with every hostile character escaped", arguments: HostileCharacters.all)
    func listingEscapesFeedText(hostile: Unicode.Scalar) {
        let item = BacktestItem(
            id: 1, source: "source\(hostile)", title: "Hydrogène \(hostile) vert", link: nil, firstSeenAt: Date(), scoreThen: nil, scoreNow: 3)
        let report = BacktestReport(since: Date(), replayed: 1, items: [item])
        let profile = Profile(id: "p\(hostile)", name: "Profil \(hostile)", kind: .filiere, topics: [])
        let text = BacktestText(profile: profile, report: report, limit: 20).rendered
        #expect(!HostileCharacters.occurWithinLines(of: text), "\(text)")
        #expect(text.contains("Hydrogène \\"), "shown escaped")
    }
}
