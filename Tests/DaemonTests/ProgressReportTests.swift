import Daemon
import Foundation
import Synchronization
import Testing

/// A crawl pass and a digest run tell how far they have got, for the command line's progress line.
@Suite struct ProgressReportTests {
    @Test("a crawl reports zero before any transfer, then once per recorded source, the last report equal to the summary")
    func crawlReportsEachRecordedSource() async throws {
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        let reports = Mutex<[CrawlProgress]>([])

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true)) { progress in reports.withLock { $0.append(progress) } }

        let told = reports.withLock { $0 }
        #expect(told.map(\.done) == [0, 1, 2])
        #expect(told.allSatisfy { $0.total == 2 })
        #expect(told.last?.summary == summary)
    }

    @Test("a digest run reports zero, then once per profile")
    func digestReportsEachProfile() async throws {
        let site = try FixtureSite(documents: [:])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        var told: [DigestProgress] = []
        let now = Date()
        try await pipeline.writeDigests(period: "\(pipeline.today)", cutoff: now) { told.append($0) }
        #expect(told == [DigestProgress(total: 1), DigestProgress(total: 1, done: 1)])
    }
}
