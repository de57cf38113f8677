import Configuration
import Fetching
import Foundation
import Logging
import Model
import Scheduling
import Storage

/// The whole pipeline over one configuration and one state folder: the piece that `crawl --once`,
/// `digest` and the daemon share.
///
/// Owned by a single task (it holds the store's connection); the daemon swaps its configuration on reload.
public final class Pipeline {
    /// The configuration in force.
    public private(set) var loaded: LoadedConfiguration
    /// The state folder's layout.
    public let layout: StateLayout
    /// The store the pipeline writes to.
    public let store: any Store
    private var fetcher: HTTPFetcher
    /// Kept across passes and reloads: robots.txt files do not change with the configuration.
    private let robots: RobotsCache
    private let logger: Logger
    private let clock: @Sendable () -> Date
    /// Called after each stored source and digest, to show the daemon is making progress.
    public var heartbeat: (@Sendable () -> Void)?

    /// Opens the state folder (creating it) and the store at `database` (migrating it as needed), and
    /// registers the configured sources.
    /// - Parameter database: where the store is; the state folder's SQLite file when nil.
    public init(
        configuration: LoadedConfiguration, state: StateLayout, database: DatabaseLocation? = nil, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        try state.prepare()
        self.loaded = configuration
        self.layout = state
        self.store = try await StoreOpener.open(database ?? state.defaultDatabase, access: .readWrite, logger: logger)
        self.fetcher = HTTPFetcher(limits: configuration.fetchLimits, logger: logger)
        self.logger = logger
        self.clock = clock
        self.robots = RobotsCache(logger: logger, now: clock)
        try await store.syncSources(configuration.configuration.sources, now: clock())
        warnAboutIgnoredRobots(configuration)
    }

    deinit {
        fetcher.shutdown()
    }

    /// Puts a new configuration in force: sources are registered, the matcher replaced, and the fetcher
    /// recreated only if its limits changed.
    public func replaceConfiguration(with new: LoadedConfiguration) async throws {
        try await store.syncSources(new.configuration.sources, now: clock())
        if new.fetchLimits != loaded.fetchLimits {
            fetcher.shutdown()
            fetcher = HTTPFetcher(limits: new.fetchLimits, logger: logger)
        }
        loaded = new
        warnAboutIgnoredRobots(new)
    }

    /// Each page told to ignore robots.txt is a choice someone must keep making: say so at every load.
    private func warnAboutIgnoredRobots(_ configuration: LoadedConfiguration) {
        for source in configuration.configuration.sources where source.ignoresRobots {
            logger.warning("source \(source.name) ignores robots.txt", metadata: ["source": "\(source.name)"])
        }
    }

    /// Configured sources whose next due time has come (all of them with `all`).
    public func dueSources(all: Bool = false) async throws -> [Source] {
        let sources = loaded.configuration.sources
        if all { return sources }
        let now = clock()
        let dueNames = Set(try await store.sourceStates().filter { !$0.retired && $0.nextDueAt <= now }.map(\.name))
        return sources.filter { dueNames.contains($0.name) }
    }

    /// When the next configured source falls due, if any.
    public func nextSourceDue() async throws -> Date? {
        let configured = Set(loaded.configuration.sources.map(\.name))
        return try await store.sourceStates().filter { configured.contains($0.name) && !$0.retired }.map(\.nextDueAt).min()
    }

    /// Fetches, parses, matches and stores the given sources; a `stop` requested meanwhile aborts the
    /// transfers in flight and ends the pass with what was already stored.
    /// - Parameter progress: told before the first transfer and after each recorded source.
    public func crawl(
        _ sources: [Source], stop: StopRequest = StopRequest(), progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) async throws -> CrawlSummary {
        let crawler = Crawler(
            fetcher: fetcher, store: store, robots: robots, adaptive: loaded.adaptiveInterval, limits: loaded.crawlLimits, logger: logger,
            clock: clock, heartbeat: heartbeat, progress: progress)
        return try await crawler.crawl(sources, matcher: loaded.compiledMatcher, stop: stop)
    }

    /// Today in the digest time zone: no digest is written for a later day.
    public var today: DigestPeriod {
        loaded.digestSchedule.day(of: clock())
    }

    /// Writes every profile's digest of `period` (`YYYY-MM-DD`, up to today) with the matches made before `cutoff`.
    /// - Parameter progress: told before the first profile and after each one.
    @discardableResult
    public func writeDigests(
        period: String, cutoff: Date, progress: ((DigestProgress) -> Void)? = nil
    ) async throws -> [String: [URL]] {
        guard let day = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let job = DigestJob(store: store, digestsDirectory: layout.digests, logger: logger)
        let written = try await job.run(
            profiles: loaded.configuration.profiles, sources: loaded.configuration.sources, period: day, cutoff: cutoff,
            now: clock(), today: today, progress: progress)
        heartbeat?()
        return written
    }

    /// Rewrites the digests a crash interrupted (matches assigned, files not confirmed).
    public func finishPendingDigests() async throws {
        let job = DigestJob(store: store, digestsDirectory: layout.digests, logger: logger)
        try await job.finishPending(profiles: loaded.configuration.profiles, sources: loaded.configuration.sources, now: clock(), today: today)
    }

    /// Profiles whose digest of `period` has not been written yet but that have written one before:
    /// the daemon was down at the due time and owes it. Digests dated after today do not count.
    public func profilesOwingDigest(period: String) async throws -> [String] {
        guard let day = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let latest = try await store.latestDigestPeriods(onOrBefore: today)
        return loaded.configuration.profiles.compactMap { profile in
            guard let last = latest[profile.id] else { return nil }
            return last < day ? profile.id : nil
        }
    }

    /// The day a person asks a digest for, if it may be written: not after today, and not before the day
    /// the first item was stored, when nothing could have been matched; with nothing stored, only today.
    public func requestedDigestDay(_ text: String) async throws(DigestDayError) -> DigestPeriod {
        guard let day = DigestPeriod(text) else { throw .notADay(text) }
        let today = self.today
        let timeZone = loaded.digestSchedule.timeZone.identifier
        guard day <= today else { throw .afterToday(day, today: today, timeZone: timeZone) }
        let first: Date?
        do {
            first = try await store.firstItemStoredAt()
        } catch {
            throw .unreadableStore("\(error)")
        }
        guard let first else {
            guard day == today else { throw .nothingStored(day, today: today, timeZone: timeZone) }
            return day
        }
        let firstDay = min(loaded.digestSchedule.day(of: first), today)
        guard day >= firstDay else { throw .beforeFirstItem(day, firstDay: firstDay) }
        return day
    }
}
