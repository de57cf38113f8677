import Foundation
import Logging
import PostgresNIO
import PostgresTestSupport
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Three `veilleur run` processes sharing one PostgreSQL database, on feeds that grow while they run: one
/// daemon is killed and restarted, one stops for good, and the work is still done on time and once.
/// `make test` runs it alone, after the rest of the suite: "on time" needs the cores the parallel tests take.
@Suite("Several daemons on one PostgreSQL database", .serialized)
struct ClusterRunTests {
    static let feedCount = 200
    /// Every source's interval, fixed: `fetch.min_interval` and `max_interval` leave no room to adapt.
    static let interval: TimeInterval = 6
    static let lease: TimeInterval = 5
    /// What a loaded machine may add to a source's wait, beyond its interval, jitter and a dead daemon's lease.
    static let slack: TimeInterval = 15
    /// How long a fetch may take between its match time and its commit: a match made this close to the digest
    /// time may commit after another daemon selected the digest, and then waits for the next period.
    static let recordingWindow: TimeInterval = 10
    static let timeZone = TimeZone(identifier: "Europe/Paris")!
    static let profiles = ["chantiers", "hydrogene"]

    /// The longest a source may wait between two fetches: its interval and jitter (10 %), a killed daemon's
    /// lease running out, and slack.
    static var longestGap: TimeInterval { interval * 1.1 + lease + slack }

    @Test("Three daemons share 200 growing feeds for a minute, one killed and restarted and one stopped: every source is read on time, every item stored once, every match in one digest written once, and status agrees")
    func threeDaemonsShareTheWork() async throws {
        if case .failure(let unavailable) = PostgresTestServer.server {
            try Test.cancel("cluster test skipped: \(unavailable). `make test` runs it on a private server.")
        }
        let folder = try TemporaryFolder()
        let site = try GrowingFeedSite(feedCount: Self.feedCount)
        let location = try await PostgresTestServer.createDatabase()
        do {
            try await run(in: folder.url, site: site, location: location)
            try? await PostgresTestServer.dropDatabase(location)
        } catch {
            try? await PostgresTestServer.dropDatabase(location)
            throw error
        }
    }

    private func run(in root: URL, site: GrowingFeedSite, location: PostgresLocation) async throws {
        let started = ContinuousClock.now
        let t0 = Date()
        // The digest falls on the first minute that leaves time to kill and restart a daemon before it.
        let digestAt = Date(timeIntervalSince1970: ((t0.timeIntervalSince1970 + 28) / 60).rounded(.up) * 60)
        let period = Self.localDay(of: digestAt)
        let config = try writeConfiguration(in: root, site: site, digestAt: digestAt)
        let database = location.description
        func daemon(_ name: String, state: String) throws -> DaemonProcess {
            try DaemonProcess(
                name: name,
                arguments: ["--config", config.path, "--state", root.appendingPathComponent(state).path, "--database", database, "--log-level", "info"],
                log: root.appendingPathComponent("\(name).log"))
        }
        let at = { (seconds: TimeInterval) in started + .seconds(seconds) }

        let a = try daemon("a", state: "state-a")
        var b = try daemon("b", state: "state-b")
        let c = try daemon("c", state: "state-c")
        for process in [a, b, c] {
            try await waitUntil(at(30), "\(process.name) to be ready; its log: \(process.logText.suffix(3000))") { !process.lines(withMessage: "daemon ready").isEmpty }
        }
        // A loaded machine (the whole suite runs in parallel) may take long over the first pass: the scenario
        // waits for it rather than kill a daemon before the work is shared.
        try await waitUntil(at(180), "every feed to be read once") { Set(site.served.map(\.feed)).count == Self.feedCount }
        let firstPassDone = ContinuousClock.now
        let killAt = max(at(15), firstPassDone + .seconds(2))

        try await Task.sleep(until: killAt)
        b.send(SIGKILL)
        #expect(try await b.waitForEnding(until: killAt + .seconds(10)) == .killed(by: SIGKILL))
        let killedB = b
        // Restarted once its leases have run out, so that the others must have taken its sources over meanwhile.
        try await Task.sleep(until: killAt + .seconds(Self.lease + 3))
        b = try daemon("b-restarted", state: "state-b")
        try await waitUntil(at(80), "b to be ready again; its log: \(b.logText.suffix(3000))") { !b.lines(withMessage: "daemon ready").isEmpty }

        try await Task.sleep(until: max(at(40), killAt + .seconds(25)))
        c.send(SIGTERM)
        #expect(try await c.waitForEnding(until: .now + .seconds(15)) == .exited(0), "\(c.logText.suffix(2000))")

        let db = ClusterDatabase(location: location)
        let end = max(t0.addingTimeInterval(62), digestAt.addingTimeInterval(8))
        try await waitUntil(at(end.timeIntervalSince(t0) + 30), "the digests of \(period) to be written; digest lines: \([a, b].flatMap { $0.logText.split(separator: "\n").filter { $0.contains("digest") || $0.contains("level=error") || $0.contains("level=warning") } }.suffix(20))") {
            try await db.writtenDigests(period: period) == Self.profiles.count
        }
        try await Task.sleep(until: at(end.timeIntervalSince(t0)))
        let stoppedAt = Date()
        for process in [a, b] { process.send(SIGTERM) }
        for process in [a, b] {
            #expect(try await process.waitForEnding(until: .now + .seconds(20)) == .exited(0), "\(process.logText.suffix(2000))")
        }
        let daemons = [a, killedB, b, c]
        // The killed daemon may die before its first pass ends on a loaded machine; the others must all have worked.
        for process in [a, b, c] {
            #expect(!process.lines(withMessage: "crawl pass done").isEmpty, "\(process.name) took part in the crawl")
        }
        for process in daemons {
            // A stop cancels the statement of a fetch being recorded: that one fails as it should, and is released.
            let failures = process.lines(withMessage: "step failed; pausing").filter { !$0.contains(": cancelled") }
            #expect(failures.isEmpty, "\(process.name): \(failures)")
        }

        try checkFetchTimes(site.served, start: t0, stoppedAt: stoppedAt)
        try await checkItems(db, site: site)
        try await checkDigests(db, period: period, digestAt: digestAt, root: root, daemons: daemons)
        try await checkStatus(config: config, root: root, database: database, db: db)
        let (items, matches) = (try await db.count("SELECT count(*) FROM items"), try await db.count("SELECT count(*) FROM matches"))
        Logger(label: "veilleur.tests.cluster").info(
            "cluster run done",
            metadata: [
                "seconds": "\(Int(Date().timeIntervalSince(t0)))", "fetches": "\(site.served.count)",
                "items": "\(items)", "matches": "\(matches)",
                "longest_gap": "\(String(format: "%.1f", Self.gaps(site.served).values.flatMap { $0 }.max() ?? 0))",
            ])
    }

    // MARK: Checks

    /// No source waits longer than ``longestGap`` between two fetches, or after its last one before the end
    /// (the first fetches are awaited with a deadline of their own).
    private func checkFetchTimes(_ served: [GrowingFeedSite.Served], start: Date, stoppedAt: Date) throws {
        let byFeed = Dictionary(grouping: served, by: \.feed)
        #expect(byFeed.count == Self.feedCount)
        var late: [String] = []
        for (feed, fetches) in byFeed {
            let times = fetches.map(\.at) + [stoppedAt]
            for (earlier, later) in zip(times, times.dropFirst()) where later.timeIntervalSince(earlier) > Self.longestGap {
                late.append("feed-\(feed): \(String(format: "%.1f", later.timeIntervalSince(earlier))) s after \(earlier.timeIntervalSince(start)) s")
            }
        }
        #expect(late.isEmpty, "\(late.count) waits longer than \(Self.longestGap) s: \(late.sorted().prefix(20))")
    }

    /// Gaps between consecutive fetches of each feed, in seconds.
    private static func gaps(_ served: [GrowingFeedSite.Served]) -> [Int: [TimeInterval]] {
        Dictionary(grouping: served, by: \.feed).mapValues { fetches in
            zip(fetches, fetches.dropFirst()).map { $1.at.timeIntervalSince($0.at) }
        }
    }

    /// Each item is stored once; every item a recorded fetch showed is stored, and nothing the site never served.
    private func checkItems(_ db: ClusterDatabase, site: GrowingFeedSite) async throws {
        let (rows, distinct) = try await db.itemCounts()
        #expect(rows == distinct, "\(rows) item rows for \(distinct) GUIDs")
        let stored = try await db.guidsBySource()
        let lastFetch = try await db.lastFetchBySource()
        let served = Dictionary(grouping: site.served, by: \.feed)
        var missing: [String] = []
        var unknown: [String] = []
        for feed in 1...Self.feedCount {
            let responses = served[feed] ?? []
            let guids = stored["feed-\(feed)"] ?? []
            let everServed = Set((1...max(responses.map(\.count).max() ?? 0, 1)).map { GrowingFeedSite.guid(feed: feed, index: $0) })
            unknown += guids.subtracting(everServed)
            // The last response at or before the source's recorded fetch: its items were all recorded.
            guard let recorded = lastFetch["feed-\(feed)"] else {
                missing.append("feed-\(feed): never recorded")
                continue
            }
            let shown = responses.last { $0.at <= recorded }?.count ?? 0
            let expected = shown == 0 ? Set<String>() : Set((1...shown).map { GrowingFeedSite.guid(feed: feed, index: $0) })
            missing += expected.subtracting(guids)
        }
        #expect(unknown.isEmpty, "stored items never served: \(unknown.prefix(10))")
        #expect(missing.isEmpty, "\(missing.count) items served and recorded but not stored: \(missing.sorted().prefix(10))")
        #expect(rows >= Int64(Self.feedCount * 10), "only \(rows) items stored")
    }

    /// Every match made well before the digest time is in exactly one digest of the period, each written
    /// once, by one daemon, in one state folder; later matches wait for the next period.
    private func checkDigests(_ db: ClusterDatabase, period: String, digestAt: Date, root: URL, daemons: [DaemonProcess]) async throws {
        let (beforeUnassigned, afterAssigned) = try await db.matchAssignment(cutoff: digestAt, settled: digestAt.addingTimeInterval(-Self.recordingWindow))
        #expect(beforeUnassigned == 0, "\(beforeUnassigned) matches made well before the digest time are in no digest")
        #expect(afterAssigned == 0, "\(afterAssigned) matches made after the digest time are in a digest")

        let written = daemons.flatMap { $0.lines(withMessage: "digest written").filter { $0.contains("period=\(period)") } }
        #expect(written.count == Self.profiles.count, "digest written lines: \(written)")
        let states = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("state-") }
        for profile in Self.profiles {
            let files = states.map { root.appendingPathComponent("\($0)/digests/\(period)/\(profile).json") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            try #require(files.count == 1, "\(profile): JSON digests of \(period) in \(files.count) state folders")
            let document = try JSONTree.parse(try String(contentsOf: files[0], encoding: .utf8))
            #expect(document["omitted"] == .number(0), "\(profile): entries left out of the JSON")
            var links: [String] = []
            for item in document["items"]?.array ?? [] {
                if case .string(let link) = item["link"] { links.append(link) }
                for copy in item["also_published_by"]?.array ?? [] {
                    if case .string(let link) = copy["link"] { links.append(link) }
                }
            }
            let assigned = try await db.assignedLinks(profile: profile, period: period)
            #expect(!assigned.isEmpty, "\(profile): no match before the digest time")
            #expect(links.count == Set(links).count, "\(profile): an item listed twice")
            #expect(Set(links) == Set(assigned), "\(profile): \(assigned.count) matches assigned, \(links.count) links listed")
        }
        #expect(try await db.count("SELECT count(*) FROM digests WHERE pending") == 0)
    }

    /// `status --json` answers alike from every daemon's state folder, and counts what the database holds.
    private func checkStatus(config: URL, root: URL, database: String, db: ClusterDatabase) async throws {
        var reports: [JSONTree] = []
        for state in ["state-a", "state-b", "state-c"] {
            let result = try CommandRunner.run(
                ["status", "--config", config.path, "--state", root.appendingPathComponent(state).path, "--database", database, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            guard case .object(var fields) = try JSONTree.parse(result.stdout) else {
                Issue.record("status --json is not an object: \(result.stdout)")
                return
            }
            // Where each state folder keeps its metrics, and how late sources are at the moment of asking, differ.
            for local in ["state", "metrics", "crawl_lag"] { fields[local] = nil }
            reports.append(.object(fields))
        }
        #expect(reports.allSatisfy { $0 == reports[0] }, "\(reports)")
        let stored = try await db.count("SELECT count(*) FROM items")
        #expect(reports[0]["stored_items"] == .number(Double(stored)))
        #expect(reports[0]["sources"]?["ok"] == .number(Double(Self.feedCount)))
    }

    // MARK: Configuration

    /// `YYYY-MM-DD` of `date` in the digest time zone: the period of a digest due then.
    private static func localDay(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }

    private func writeConfiguration(in root: URL, site: GrowingFeedSite, digestAt: Date) throws -> URL {
        let config = root.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        var sources = "sources:\n"
        for feed in 1...Self.feedCount {
            sources += "  - name: feed-\(feed)\n    url: \(site.url(of: feed))\n    interval: \(Int(Self.interval))s\n"
        }
        try sources.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.timeZone
        let time = calendar.dateComponents([.hour, .minute], from: digestAt)
        // Small passes spread the due sources over the daemons instead of handing them all to the first.
        try """
            cluster:
              lease: \(Int(Self.lease))s
              pass_size: 20
            digest:
              time: "\(String(format: "%02d:%02d", time.hour ?? 0, time.minute ?? 0))"
              timezone: \(Self.timeZone.identifier)
            fetch:
              min_host_delay: 0s
              per_host: 8
              min_interval: \(Int(Self.interval))s
              max_interval: \(Int(Self.interval))s

            """.write(to: config.appendingPathComponent("veilleur.yaml"), atomically: true, encoding: .utf8)
        for (profile, word) in zip(Self.profiles, ["chantier", "hydrogène"]) {
            try """
                name: "\(profile)"
                kind: filière
                min_score: 1
                max_items: 5000
                topics:
                  - name: Sujet
                    weight: 2
                    keywords: [\(word)]

                """.write(to: config.appendingPathComponent("profiles/\(profile).yaml"), atomically: true, encoding: .utf8)
        }
        return config
    }
}

/// The questions the cluster test asks the shared database, each on a connection of its own.
private struct ClusterDatabase {
    let location: PostgresLocation

    func count(_ sql: String) async throws -> Int64 {
        try await PostgresTestServer.administer(location, sql) ?? 0
    }

    /// Digests of `period` whose files are known to be written.
    func writtenDigests(period: String) async throws -> Int {
        try await query("SELECT count(*) FROM digests WHERE period = \(period) AND NOT pending", as: Int64.self).first.map(Int.init) ?? 0
    }

    /// Item rows, and distinct GUIDs among them.
    func itemCounts() async throws -> (Int64, Int64) {
        try await query("SELECT count(*), count(DISTINCT guid) FROM items", as: (Int64, Int64).self).first ?? (0, 0)
    }

    func guidsBySource() async throws -> [String: Set<String>] {
        var guids: [String: Set<String>] = [:]
        for (source, guid) in try await query("SELECT source, guid FROM items", as: (String, String).self) {
            guids[source, default: []].insert(guid)
        }
        return guids
    }

    func lastFetchBySource() async throws -> [String: Date] {
        let rows = try await query("SELECT name, last_success_at FROM sources WHERE last_success_at IS NOT NULL", as: (String, Date).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Matches made before `settled` and in no digest, and matches made at or after `cutoff` and in one.
    func matchAssignment(cutoff: Date, settled: Date) async throws -> (Int64, Int64) {
        try await query(
            """
            SELECT count(*) FILTER (WHERE matched_at < \(settled) AND digest_id IS NULL),
                   count(*) FILTER (WHERE matched_at >= \(cutoff) AND digest_id IS NOT NULL)
            FROM matches
            """, as: (Int64, Int64).self
        ).first ?? (0, 0)
    }

    /// The links of the items whose matches the digest of (`profile`, `period`) holds.
    func assignedLinks(profile: String, period: String) async throws -> [String] {
        try await query(
            """
            SELECT i.link FROM matches m JOIN items i ON i.id = m.item_id JOIN digests d ON d.id = m.digest_id
            WHERE d.profile = \(profile) AND d.period = \(period)
            """, as: String.self)
    }

    private func query<each Column: PostgresDecodable>(_ query: PostgresQuery, as type: (repeat each Column).Type) async throws -> [(repeat each Column)] {
        try await PostgresTestServer.withConnection(to: location) { connection in
            try await connection.query(query, logger: PostgresTestServer.logger).collect().map { try $0.decode((repeat each Column).self) }
        }
    }
}
