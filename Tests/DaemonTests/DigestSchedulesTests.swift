import Daemon
import Foundation
import Logging
import Model
import Scheduling
import Storage
import Testing

/// Daily and weekly digests of one profile, each item in exactly one digest of each schedule, over clock
/// changes, after a daemon was stopped for days, and written again with the same content.
@Suite("Daily and weekly digest schedules")
struct DigestSchedulesTests {
    let clock = BacktestTests.MovableClock()
    let paris = TimeZone(identifier: "Europe/Paris")!

    /// Daily at 07:00 and weekly on Monday at 08:00, in Paris.
    static let both = Fixtures.profile + "\ndigest: {daily: \"07:00\", weekly: {day: lundi, time: \"08:00\"}, timezone: Europe/Paris}\n"

    /// A pipeline over one source that is never fetched: the tests store their matches themselves.
    private func pipeline(in folder: TemporaryFolder, profile: String = Self.both) async throws -> Pipeline {
        try folder.write("sources:\n  - name: news\n    url: http://127.0.0.1:9/news.xml\n", to: "config/sources.yaml")
        try folder.write(profile, to: "config/profiles/circulaire.yaml")
        let clock = clock
        return try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"), clock: { clock.now })
    }

    /// Stores an item named `name`, matched for the profile at `date`, with words of its own so that no two
    /// items are near-duplicates.
    private func store(_ name: String, at date: Date, in pipeline: Pipeline) async throws {
        let words = name.unicodeScalars.map { "mot\($0.value)x\(name.count)" }.joined(separator: " ")
        let item = FeedItem(id: name, title: "Recyclage \(name) \(words)", link: "http://example.org/\(name)", published: date)
        let match = Match(profile: "circulaire", score: 10, topics: ["Économie circulaire"], terms: ["recyclage"])
        _ = try await pipeline.store.record(FetchRecord(
            source: "news", fetchedAt: date, outcome: .modified(etag: nil, lastModified: nil), nextDueAt: date.addingTimeInterval(3600),
            items: [ItemWithMatches(item: item, matches: [match])]))
    }

    /// The names of the items in the profile's JSON digest of `period`, sorted; nil when there is none.
    private func names(in folder: TemporaryFolder, _ period: String) throws -> [String]? {
        let file = folder.state.digests.appendingPathComponent("\(period)/circulaire.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try digestItems(file).compactMap { ($0["link"] as? String)?.replacingOccurrences(of: "http://example.org/", with: "") }.sorted()
    }

    /// The period folders written under `digests/`.
    private func periods(in folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.state.digests.path).filter { DigestPeriod($0) != nil }.sorted()
    }

    /// An instant given as a local time in Paris.
    private func paris(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    private func schedule(_ pipeline: Pipeline, _ kind: DigestPeriod.Kind) throws -> DigestSchedule {
        try #require(pipeline.loaded.digestPlan.entries.first { $0.schedule.kind == kind }?.schedule)
    }

    @Test("Each item is in exactly one daily and one weekly digest of a profile that has both")
    func dailyAndWeeklyOnOneProfile() async throws {
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 16, 8, 30)
        let pipeline = try await pipeline(in: folder)
        let daily = try schedule(pipeline, .day), weekly = try schedule(pipeline, .week)
        // The digests of Monday 16 November (W47) went out at 07:00 and 08:00.
        #expect(try await pipeline.writeScheduledDigests(daily, period: DigestPeriod("2026-11-16")!, cutoff: paris(2026, 11, 16, 7)) == .written)
        #expect(try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W47")!, cutoff: paris(2026, 11, 16, 8)) == .written)

        let stored: [(String, Date)] = [
            ("lundi-16-09h", paris(2026, 11, 16, 9)), ("mercredi-18", paris(2026, 11, 18, 12)), ("dimanche-22-23h", paris(2026, 11, 22, 23)),
            ("lundi-23-07h30", paris(2026, 11, 23, 7, 30)), ("lundi-23-08h30", paris(2026, 11, 23, 8, 30)),
        ]
        for (name, date) in stored { try await store(name, at: date, in: pipeline) }
        for day in 17...24 {
            clock.now = paris(2026, 11, day, 7)
            #expect(try await pipeline.writeScheduledDigests(daily, period: DigestPeriod("2026-11-\(day)")!, cutoff: clock.now) == .written)
            if day == 23 {
                clock.now = paris(2026, 11, 23, 8)
                #expect(try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W48")!, cutoff: clock.now) == .written)
            }
        }
        clock.now = paris(2026, 11, 30, 8)
        #expect(try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W49")!, cutoff: clock.now) == .written)

        #expect(try names(in: folder, "2026-W48") == ["dimanche-22-23h", "lundi-16-09h", "lundi-23-07h30", "mercredi-18"])
        #expect(try names(in: folder, "2026-W49") == ["lundi-23-08h30"])
        #expect(try names(in: folder, "2026-11-17") == ["lundi-16-09h"])
        #expect(try names(in: folder, "2026-11-19") == ["mercredi-18"])
        #expect(try names(in: folder, "2026-11-23") == ["dimanche-22-23h"])
        #expect(try names(in: folder, "2026-11-24") == ["lundi-23-07h30", "lundi-23-08h30"])
        var dailyNames: [String] = [], weeklyNames: [String] = []
        for period in try periods(in: folder) {
            let found = try names(in: folder, period) ?? []
            if DigestPeriod(period)?.kind == .week { weeklyNames += found } else { dailyNames += found }
        }
        #expect(dailyNames.sorted() == stored.map(\.0).sorted(), "every item in exactly one daily digest")
        #expect(weeklyNames.sorted() == stored.map(\.0).sorted(), "every item in exactly one weekly digest")
    }

    struct ClockChange: CustomTestStringConvertible, Sendable {
        var what: String
        /// The Monday the earlier weekly digest is due, and the Monday after, as (year, month, day).
        var from: [Int], to: [Int]
        var earlier: String, week: String
        var testDescription: String { what }
    }

    static let clockChanges = [
        // W44 runs from Monday 19 October 08:00 CEST to Monday 26 October 08:00 CET: 169 hours.
        ClockChange(what: "autumn", from: [2026, 10, 19], to: [2026, 10, 26], earlier: "2026-W43", week: "2026-W44"),
        // W14 runs from Monday 23 March 08:00 CET to Monday 30 March 08:00 CEST: 167 hours.
        ClockChange(what: "spring", from: [2026, 3, 23], to: [2026, 3, 30], earlier: "2026-W13", week: "2026-W14"),
    ]

    @Test("Weekly digests follow the local time over the weeks the clocks change", arguments: clockChanges)
    func weeksOverClockChanges(_ change: ClockChange) async throws {
        let folder = try TemporaryFolder()
        let start = paris(change.from[0], change.from[1], change.from[2], 8), end = paris(change.to[0], change.to[1], change.to[2], 8)
        #expect(abs(end.timeIntervalSince(start) - 168 * 3600) == 3600)
        clock.now = start
        let pipeline = try await pipeline(in: folder, profile: Fixtures.profile + "\ndigest: {weekly: {day: monday, time: \"08:00\"}}\n")
        let weekly = try schedule(pipeline, .week)
        #expect(pipeline.loaded.digestPlan.entries.map(\.schedule.kind) == [.week], "a weekly schedule alone writes no daily digest")
        #expect(weekly.dueTime(of: DigestPeriod(change.week)!) == end)
        try await store("avant", at: start.addingTimeInterval(-60), in: pipeline)
        #expect(try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod(change.earlier)!, cutoff: start) == .written)
        try await store("debut", at: start.addingTimeInterval(60), in: pipeline)
        try await store("fin", at: end.addingTimeInterval(-60), in: pipeline)
        try await store("apres", at: end.addingTimeInterval(60), in: pipeline)
        clock.now = end.addingTimeInterval(120)
        try await pipeline.catchUpDigests()

        #expect(try names(in: folder, change.earlier) == ["avant"])
        #expect(try names(in: folder, change.week) == ["debut", "fin"])
        #expect(try periods(in: folder) == [change.earlier, change.week])
    }

    @Test("A daemon stopped for nine days writes each missed day with the matches of its own day, oldest first")
    func catchUpAfterANineDayGap() async throws {
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 20, 7)
        let pipeline = try await pipeline(in: folder, profile: Fixtures.profile)
        let daily = pipeline.loaded.digestSchedule
        try await store("avant", at: paris(2026, 11, 19, 12), in: pipeline)
        #expect(try await pipeline.writeScheduledDigests(daily, period: DigestPeriod("2026-11-20")!, cutoff: clock.now) == .written)
        for day in 20...28 { try await store("jour-\(day)", at: paris(2026, 11, day, 12), in: pipeline) }
        // Stopped from 20 November after 07:00 until 29 November at 10:00, past that day's digest time.
        clock.now = paris(2026, 11, 29, 10)
        try await pipeline.catchUpDigests()

        #expect(try periods(in: folder) == (20...29).map { "2026-11-\($0)" })
        #expect(try names(in: folder, "2026-11-20") == ["avant"])
        for day in 21...29 {
            #expect(try names(in: folder, "2026-11-\(day)") == ["jour-\(day - 1)"], "2026-11-\(day)")
        }
        await #expect(try pipeline.profilesOwingDigest(period: "2026-11-29").isEmpty)
        try await pipeline.catchUpDigests()
        #expect(try periods(in: folder).count == 10, "nothing is left to catch up")
    }

    @Test("A missed weekly digest is caught up beside the missed days, each schedule with its own ranges")
    func catchUpBothSchedules() async throws {
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 16, 8)
        let pipeline = try await pipeline(in: folder)
        let daily = try schedule(pipeline, .day), weekly = try schedule(pipeline, .week)
        _ = try await pipeline.writeScheduledDigests(daily, period: DigestPeriod("2026-11-16")!, cutoff: paris(2026, 11, 16, 7))
        _ = try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W47")!, cutoff: clock.now)
        try await store("mardi-17", at: paris(2026, 11, 17, 12), in: pipeline)
        try await store("lundi-23", at: paris(2026, 11, 23, 9), in: pipeline)
        clock.now = paris(2026, 11, 25, 12)
        try await pipeline.catchUpDigests()

        #expect(try names(in: folder, "2026-W48") == ["mardi-17"])
        #expect(try names(in: folder, "2026-W49") == nil, "the week of 30 November is not due")
        #expect(try names(in: folder, "2026-11-18") == ["mardi-17"])
        #expect(try names(in: folder, "2026-11-24") == ["lundi-23"])
        #expect(try names(in: folder, "2026-11-25") == [])
    }

    @Test("Writing a week again, on demand or after a crash, gives the same items and keeps their days")
    func rewritingAWeekIsIdempotent() async throws {
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 16, 8)
        let pipeline = try await pipeline(in: folder)
        let daily = try schedule(pipeline, .day), weekly = try schedule(pipeline, .week)
        _ = try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W47")!, cutoff: clock.now)
        for (name, day) in [("a", 17), ("b", 19), ("c", 21)] { try await store(name, at: paris(2026, 11, day, 12), in: pipeline) }
        clock.now = paris(2026, 11, 20, 7)
        _ = try await pipeline.writeScheduledDigests(daily, period: DigestPeriod("2026-11-20")!, cutoff: clock.now)
        let due = paris(2026, 11, 23, 8)
        clock.now = due
        _ = try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W48")!, cutoff: due)
        let first = try names(in: folder, "2026-W48")
        #expect(first == ["a", "b", "c"])
        try await store("d", at: due.addingTimeInterval(60), in: pipeline)

        // As a person asks, with the same cutoff: the same items, and the later one left for the next week.
        try await pipeline.writeDigests(period: "2026-W48", cutoff: due)
        #expect(try names(in: folder, "2026-W48") == first)
        // A crash after the matches were assigned and before the files: the pending digest is rewritten alike.
        let assigned = try await pipeline.store.digestSelection(profile: "circulaire", period: "2026-W48", matchedBefore: .distantPast, limit: 10)
        try await pipeline.store.commitDigest(profile: "circulaire", period: "2026-W48", matchIDs: assigned.matchIDs, paths: [], writtenAt: due)
        try FileManager.default.removeItem(at: folder.state.digests.appendingPathComponent("2026-W48"))
        try await pipeline.finishPendingDigests()
        #expect(try names(in: folder, "2026-W48") == first)
        await #expect(try pipeline.store.pendingDigests().isEmpty)
        #expect(try names(in: folder, "2026-11-20") == ["a", "b"], "the days keep their items")
        clock.now = paris(2026, 11, 30, 8)
        _ = try await pipeline.writeScheduledDigests(weekly, period: DigestPeriod("2026-W49")!, cutoff: clock.now)
        #expect(try names(in: folder, "2026-W49") == ["d"])
    }

    @Test("Two schedules writing periods of one name under different leases do not skip each other")
    func leasesPerSchedule() async throws {
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 23, 9)
        try folder.write(Fixtures.profile + "\ndigest: {daily: \"09:00\"}\n", to: "config/profiles/tardif.yaml")
        let pipeline = try await pipeline(in: folder, profile: Fixtures.profile)
        let entries = pipeline.loaded.digestPlan.entries
        #expect(entries.map(\.profiles) == [["circulaire"], ["tardif"]])
        let day = try #require(DigestPeriod("2026-11-23"))
        #expect(try await pipeline.writeScheduledDigests(entries[0].schedule, period: day, cutoff: paris(2026, 11, 23, 7)) == .written)
        #expect(try await pipeline.writeScheduledDigests(entries[1].schedule, period: day, cutoff: clock.now) == .written)
        #expect(try await pipeline.writeScheduledDigests(entries[1].schedule, period: day, cutoff: clock.now) == .writtenElsewhere(by: pipeline.identity.owner))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.state.digests.appendingPathComponent("2026-11-23").path)
        #expect(Set(written) == ["circulaire.md", "circulaire.json", "circulaire.html", "tardif.md", "tardif.json", "tardif.html"])
    }

    @Test("A daemon started after a week away catches up the missed week and days before it crawls", .timeLimit(.minutes(1)))
    func theDaemonCatchesUpAtStart() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        clock.now = paris(2026, 11, 16, 8)
        do {
            let before = try await pipeline(in: folder)
            _ = try await before.writeScheduledDigests(try schedule(before, .day), period: DigestPeriod("2026-11-16")!, cutoff: paris(2026, 11, 16, 7))
            _ = try await before.writeScheduledDigests(try schedule(before, .week), period: DigestPeriod("2026-W47")!, cutoff: clock.now)
            try await store("mardi-17", at: paris(2026, 11, 17, 12), in: before)
            try await store("vendredi-20", at: paris(2026, 11, 20, 12), in: before)
            await before.store.close()
        }
        try folder.write(Fixtures.sources(base: site.base), to: "config/sources.yaml")
        try folder.write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
        clock.now = paris(2026, 11, 24, 9)
        let socket = try NotifySocket(path: folder.url.appendingPathComponent("notify.sock").path)
        let clock = clock
        let daemon = Daemon(
            configDirectory: folder.configDirectory, state: folder.state, logger: Logger(label: "test"),
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]), clock: { clock.now })
        let (signals, send) = AsyncStream<DaemonSignal>.makeStream()
        let running = Task { try await daemon.run(signals: signals) }
        #expect(await socket.receive(until: "STATUS=sources") != nil)
        send.yield(.stop)
        try await running.value

        #expect(try names(in: folder, "2026-W48") == ["mardi-17", "vendredi-20"])
        #expect(try names(in: folder, "2026-11-18") == ["mardi-17"])
        #expect(try names(in: folder, "2026-11-21") == ["vendredi-20"])
        #expect(try periods(in: folder) == (16...24).map { "2026-11-\($0)" } + ["2026-W47", "2026-W48"])
    }
}
