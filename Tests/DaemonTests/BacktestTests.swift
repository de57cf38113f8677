import Configuration
import Daemon
import Foundation
import Logging
import Model
import Storage
import Synchronization
import Testing

/// A backtest replays the stored items through a profile as it is now on disk and names exactly what it
/// adds, removes and re-ranks, reading the store only.
@Suite struct BacktestTests {
    /// A state folder built by crawling ``BacktestFixtures`` over loopback with the profile as first written.
    final class CrawledState {
        let folder: TemporaryFolder
        let site: FixtureSite
        /// The crawl's clock, moved by the tests that store items at different times.
        let clock = MovableClock()

        init(archive: Bool = false) throws {
            site = try FixtureSite(documents: ["/veille.xml": BacktestFixtures.rss, "/archive.xml": BacktestFixtures.archiveRSS])
            folder = try TemporaryFolder()
            try folder.write(BacktestFixtures.sources(base: site.base, archive: archive), to: "config/sources.yaml")
            try folder.write(BacktestFixtures.profile(), to: "config/profiles/veille.yaml")
        }

        deinit { site.stop() }

        /// Crawls the sources named, at the clock's time; the pipeline, and its connection, end with the call.
        func crawl(_ names: Set<String>? = nil) async throws {
            let clock = clock
            let pipeline = try await Pipeline(
                configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
                logger: Logger(label: "test"), clock: { clock.now })
            let sources = try await pipeline.dueSources(all: true).filter { names?.contains($0.name) ?? true }
            let summary = try await pipeline.crawl(sources)
            #expect(summary.failed == 0)
        }

        /// Writes `profile` as `veille` (and `sources`, if given), then backtests it over the items stored since `since`.
        func backtest(
            profile: String = BacktestFixtures.profile(), sources: String? = nil, since: Date = .distantPast,
            pageSize: Int = Backtest.defaultPageSize, progress: ((BacktestProgress) -> Void)? = nil
        ) async throws -> BacktestReport {
            try folder.write(profile, to: "config/profiles/veille.yaml")
            if let sources { try folder.write(sources, to: "config/sources.yaml") }
            let configuration = try LoadedConfiguration.load(directory: folder.configDirectory).configuration
            let store = try SQLiteStore(path: folder.state.database.path, access: .readOnly)
            let veille = try #require(configuration.profiles.first { $0.id == "veille" })
            return try await Backtest(store: store, profile: veille, sources: configuration.sources, pageSize: pageSize)
                .run(seenSince: since, progress: progress)
        }
    }

    /// A clock a test sets.
    final class MovableClock: Sendable {
        private let date = Mutex(Date())

        var now: Date {
            get { date.withLock { $0 } }
            set { date.withLock { $0 = newValue } }
        }
    }

    /// True when two lists of scores agree to a thousandth.
    static func close(_ scores: [Double?], _ expected: [Double]) -> Bool {
        scores.count == expected.count && zip(scores, expected).allSatisfy { score, value in score.map { abs($0 - value) < 0.001 } ?? false }
    }

    /// The GUIDs of `items`, in their order.
    static func guids(_ items: [BacktestItem]) -> [String] {
        items.map { $0.link?.split(separator: "/").last.map(String.init) ?? "?" }
    }

    @Test("a profile unchanged since the crawl alerts what it alerted, with the same scores")
    func unchangedProfileChangesNothing() async throws {
        let state = try CrawledState()
        try await state.crawl()
        let report = try await state.backtest()
        #expect(report.replayed == 7)
        #expect(report.alertedThen == 5 && report.alertedNow == 5)
        #expect(report.added.isEmpty && report.removed.isEmpty && report.reranked.isEmpty)
        #expect(report.unchanged == 5)
        #expect(report.skipped == 0)
    }

    @Test("a keyword added alerts the items it finds and re-ranks the alerted items it raises")
    func addedKeyword() async throws {
        let state = try CrawledState()
        try await state.crawl()
        let report = try await state.backtest(profile: BacktestFixtures.profile(hydrogenKeywords: "[hydrogène, électrolyseur, batterie]"))
        #expect(Self.guids(report.added) == ["d"])
        // Scores on the 0–100 scale against the reference of 3 points (weight 1 × title 3): 3 points score 50,
        // 4.5 points 60, 6 points 66.67.
        #expect(Self.close([report.added.first?.scoreNow], [50]) && report.added.first?.scoreThen == nil)
        #expect(report.removed.isEmpty)
        #expect(Self.guids(report.reranked) == ["g"])
        let raised = try #require(report.reranked.first)
        #expect(Self.close([raised.scoreThen, raised.scoreNow], [50, 60]))
        #expect(raised.rankThen == 5 && raised.rankNow == 3, "a 6, b 4.5, g 4.5, then c, d, f at 3 by row id")
        #expect(report.added.first?.rankNow == 5)
        #expect(report.alertedThen == 5 && report.alertedNow == 6 && report.unchanged == 4)
    }

    @Test("an exclusion added removes the alerted items it finds, and nothing else")
    func addedExclusion() async throws {
        let state = try CrawledState()
        try await state.crawl()
        let report = try await state.backtest(profile: BacktestFixtures.profile(exclusions: "[subvention]"))
        #expect(report.added.isEmpty && report.reranked.isEmpty)
        #expect(Self.guids(report.removed) == ["f"])
        #expect(Self.close([report.removed.first?.scoreThen], [50]) && report.removed.first?.scoreNow == nil)
        #expect(report.removed.first?.rankThen == 4 && report.removed.first?.rankNow == nil)
        #expect(report.alertedThen == 5 && report.alertedNow == 4)
    }

    @Test("a topic weight changed re-ranks the items whose score it changes, by their rank now")
    func changedWeight() async throws {
        let state = try CrawledState()
        try await state.crawl()
        // Export × 3 becomes the strongest term (3 × title 3 = 9 points), so the scale's reference moves from
        // 3 to 9 points: every score is measured against it now.
        let report = try await state.backtest(profile: BacktestFixtures.profile(exportWeight: 3))
        #expect(report.added.isEmpty && report.removed.isEmpty)
        #expect(Self.guids(report.reranked) == ["b", "a", "f", "g"])
        #expect(Self.close(report.reranked.map(\.scoreThen), [60, 200.0 / 3, 50, 50]))
        #expect(Self.close(report.reranked.map(\.scoreNow), [100 * 7.5 / 16.5, 40, 25, 25]))
        #expect(report.reranked.map(\.rankThen) == [2, 1, 4, 5])
        #expect(report.reranked.map(\.rankNow) == [2, 3, 4, 5])
        #expect(report.unchanged == 1, "c (9 points of 9, still 50) moved from 3 to 1 with its score unchanged: it is not re-ranked")
    }

    @Test("the items of a source no longer configured are left out of both sides and counted")
    func retiredSourceIsLeftOut() async throws {
        let state = try CrawledState(archive: true)
        try await state.crawl()
        let report = try await state.backtest(sources: BacktestFixtures.sources(base: state.site.base))
        #expect(report.replayed == 7)
        #expect(report.skipped == 1 && report.skippedSources == ["archive"])
        #expect(report.alertedThen == 5 && report.alertedNow == 5)
        #expect(report.removed.isEmpty)
    }

    @Test("items first stored before the window are neither replayed nor compared")
    func windowStartsAtSince() async throws {
        let state = try CrawledState(archive: true)
        let today = Date()
        state.clock.now = today.addingTimeInterval(-40 * 86_400)
        try await state.crawl(["archive"])
        state.clock.now = today
        try await state.crawl(["veille"])
        let report = try await state.backtest(profile: BacktestFixtures.profile(hydrogenKeywords: "[hydrogène]"), since: today.addingTimeInterval(-30 * 86_400))
        #expect(report.replayed == 7)
        #expect(Self.guids(report.removed) == ["g"], "the archive's électrolyseur item is outside the window")
        #expect(report.alertedThen == 5)
    }

    @Test("read a page of two items at a time, a backtest finds what one page finds and reports each page")
    func pagesAgreeWithOnePage() async throws {
        let state = try CrawledState()
        try await state.crawl()
        let edited = BacktestFixtures.profile(
            hydrogenKeywords: "[hydrogène, électrolyseur, batterie]", exportWeight: 3, exclusions: "[subvention]")
        let whole = try await state.backtest(profile: edited)
        let reports = Mutex<[BacktestProgress]>([])
        let paged = try await state.backtest(profile: edited, pageSize: 2) { progress in reports.withLock { $0.append(progress) } }
        #expect(paged == whole)
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.done) == [0, 2, 4, 6, 7])
        #expect(seen.allSatisfy { $0.total == 7 })
        #expect(seen.last?.alerted == whole.alertedNow)
    }
}
