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
    /// Who this process is to the other daemons sharing the database; logged by the daemon at start.
    public let identity: ClusterIdentity
    /// The states of the sources the last claim handed out, so that the pass fetching them reads no others.
    private var claimed: [String: SourceState] = [:]

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
        self.identity = ClusterIdentity.current(state: state)
        try await declareSources(of: configuration)
        warnAboutIgnoredRobots(configuration)
    }

    deinit {
        fetcher.shutdown()
    }

    /// Puts a new configuration in force: sources are registered, the matcher replaced, and the fetcher
    /// recreated only if its limits changed.
    public func replaceConfiguration(with new: LoadedConfiguration) async throws {
        try await declareSources(of: new)
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

    /// Registers the configured sources as this daemon's declaration: a source is retired only when no
    /// daemon heard from within one lease declares it (see ``Store/syncSources(_:declaredBy:owner:liveSince:now:)``).
    private func declareSources(of configuration: LoadedConfiguration) async throws {
        let now = clock()
        try await store.syncSources(
            configuration.configuration.sources, declaredBy: identity.member, owner: identity.owner,
            liveSince: now.addingTimeInterval(-configuration.configuration.settings.lease), now: now)
    }

    /// How long what this daemon claims stays its own without renewal (`cluster.lease`).
    private var lease: TimeInterval { loaded.configuration.settings.lease }

    /// Claims configured sources whose next due time has come, leased to this process (``ClusterIdentity/owner``)
    /// so that no other daemon sharing the database fetches them meanwhile: at most `cluster.pass_size`,
    /// earliest due first, none of `excluded`. With `all`, every configured source, claimed or not.
    ///
    /// ``crawl(_:stop:progress:)`` releases the claims it leaves unrecorded; recording a source releases its own.
    public func dueSources(all: Bool = false, excluding excluded: Set<String> = []) async throws -> [Source] {
        let sources = loaded.configuration.sources
        if all { return sources }
        let now = clock()
        let names = sources.map(\.name).filter { !excluded.contains($0) }
        let states = try await store.claimSources(
            among: names, owner: identity.owner, now: now, until: now.addingTimeInterval(lease),
            limit: loaded.configuration.settings.claimLimit)
        claimed = Dictionary(states.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        if !states.isEmpty {
            logger.debug("sources claimed", metadata: ["sources": "\(states.count)", "owner": "\(identity.owner)"])
        }
        return sources.filter { claimed[$0.name] != nil }
    }

    /// Tells the other daemons this one is alive: its declaration keeps counting, and its unexpired leases
    /// run one lease more. A failure is logged: the leases then expire and other daemons take over.
    public func keepAlive() async {
        let now = clock()
        do throws(StorageError) {
            try await store.keepAlive(member: identity.member, owner: identity.owner, now: now, until: now.addingTimeInterval(lease))
        } catch {
            logger.warning("leases not renewed; other daemons may take this daemon's work", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` while a task renews this daemon's leases every third of a lease, so that a pass or a
    /// digest run longer than one lease keeps what it claimed; a daemon killed meanwhile stops renewing.
    private func keepingAlive<Value>(_ body: () async throws -> Value) async throws -> Value {
        let renewal = Task { [store, identity, clock, logger, lease] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(lease / 3))
                guard !Task.isCancelled else { return }
                let now = clock()
                do throws(StorageError) {
                    try await store.keepAlive(member: identity.member, owner: identity.owner, now: now, until: now.addingTimeInterval(lease))
                } catch {
                    logger.warning("leases not renewed; other daemons may take this daemon's work", metadata: ["error": "\(error)"])
                }
            }
        }
        let result: Result<Value, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        // Awaited, so that the task lets go of the store before the caller does: a command's store then
        // closes (and SQLite folds its write-ahead log back) when the command ends.
        renewal.cancel()
        await renewal.value
        return try result.get()
    }

    /// Releases every source lease this process still holds: they stay due, and any daemon may take them.
    private func releaseClaims() async {
        do throws(StorageError) {
            try await store.releaseSources(owner: identity.owner)
        } catch {
            logger.warning("source leases not released; they expire by themselves", metadata: ["error": "\(error)"])
        }
    }

    /// This daemon stops: its leases are released and its declaration withdrawn, so that other daemons take
    /// over at once. A failure is logged: the leases expire and the declaration stops counting by themselves.
    public func leave() async {
        do throws(StorageError) {
            try await store.leave(member: identity.member, owner: identity.owner, now: clock())
        } catch {
            logger.warning("could not withdraw from the database; leases expire by themselves", metadata: ["error": "\(error)"])
        }
    }

    /// When the next configured source falls due and no other daemon's lease holds it, if any.
    public func nextSourceDue() async throws -> Date? {
        try await store.nextClaimTime(among: loaded.configuration.sources.map(\.name))
    }

    /// Fetches, parses, matches and stores the given sources; a `stop` requested meanwhile aborts the
    /// transfers in flight and ends the pass with what was already stored.
    /// - Parameter progress: told before the first transfer and after each recorded source.
    public func crawl(
        _ sources: [Source], stop: StopRequest = StopRequest(), progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) async throws -> CrawlSummary {
        // A `fetch.min_interval` below the policy's own floor is the operator's choice, and is kept.
        let policy = RefreshPolicy(minimumInterval: min(RefreshPolicy().minimumInterval, loaded.adaptiveInterval.minimum))
        let crawler = Crawler(
            fetcher: fetcher, store: store, robots: robots, policy: policy, adaptive: loaded.adaptiveInterval, limits: loaded.crawlLimits,
            logger: logger, clock: clock, heartbeat: heartbeat, progress: progress)
        let states = sources.allSatisfy { claimed[$0.name] != nil } ? claimed : nil
        claimed = [:]
        let result: Result<CrawlSummary, any Error>
        do {
            result = .success(try await keepingAlive { try await crawler.crawl(sources, matcher: loaded.compiledMatcher, stop: stop, states: states) })
        } catch {
            result = .failure(error)
        }
        // Whatever was not recorded (a stop, a transfer aborted, a robots.txt not yet known) is due again, for anyone.
        await releaseClaims()
        return try result.get()
    }

    /// Crawls every due source once, a pass of at most `cluster.pass_size` claimed sources after another,
    /// until none is left that this run has not handled (or a stop is requested); with `all`, every
    /// configured source in one pass. What `crawl --once` does.
    /// - Returns: what the passes did together, and how many sources they held.
    public func crawlDue(
        all: Bool = false, stop: StopRequest = StopRequest(), progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) async throws -> (summary: CrawlSummary, sources: Int) {
        var handled: Set<String> = []
        var summary = CrawlSummary()
        repeat {
            let sources = try await dueSources(all: all, excluding: handled)
            if sources.isEmpty { break }
            handled.formUnion(sources.map(\.name))
            let (before, total) = (summary, handled.count)
            summary = summary + (try await crawl(sources, stop: stop) { pass in
                progress?(CrawlProgress(total: total, summary: before + pass.summary))
            })
        } while !all && !stop.isRequested
        return (summary, handled.count)
    }

    /// Today in the digest time zone: no digest is written for a later day.
    public var today: DigestPeriod {
        loaded.digestSchedule.day(of: clock())
    }

    /// The digest periods this process claims before writing them.
    private var digestLeases: DigestLeases {
        DigestLeases(store: store, owner: identity.owner, length: lease, clock: clock)
    }

    /// Writes every profile's digest of `period` (`YYYY-MM-DD`, up to today) with the matches made before
    /// `cutoff`, as a person asks: even if the period was written already, but not while another daemon
    /// writes it (``DigestPeriodHeld``). The period is not marked done, so the schedule still writes it.
    /// - Parameter progress: told before the first profile and after each one.
    @discardableResult
    /// - Parameter queuesEmails: queue each digest for e-mail to its profile's `deliver.email` recipients
    ///   (``deliverDueEmails()`` sends them); only with `smtp` configured.
    public func writeDigests(
        period: String, cutoff: Date, queuesEmails: Bool = false, progress: ((DigestProgress) -> Void)? = nil
    ) async throws -> [String: [URL]] {
        guard let day = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let leases = digestLeases
        if case .held(let owner, let until) = try await leases.claim(period, again: true) {
            throw DigestPeriodHeld(period: period, owner: owner, until: until)
        }
        do {
            let written = try await runDigestJob(day, cutoff: cutoff, queuesEmails: queuesEmails && mailer != nil, progress: progress)
            await leases.release(period, done: false, logger: logger)
            return written
        } catch {
            await leases.release(period, done: false, logger: logger)
            throw error
        }
    }

    /// Writes the digests of `period` at their scheduled time, unless another daemon sharing the database
    /// writes or wrote them: exactly one daemon writes a period, and marks it done.
    public func writeScheduledDigests(period: String, cutoff: Date) async throws -> ScheduledDigests {
        guard let day = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let leases = digestLeases
        switch try await leases.claim(period, again: false) {
        case .done(let owner, _):
            logger.info("digests of the period written by another daemon; skipped", metadata: ["period": "\(period)", "by": "\(owner)"])
            return .writtenElsewhere(by: owner)
        case .held(let owner, let until):
            logger.info(
                "digests of the period being written by another daemon; asked again when its lease ends",
                metadata: ["period": "\(period)", "by": "\(owner)", "until": "\(until)"])
            return .heldElsewhere(by: owner, until: until)
        case .granted:
            break
        }
        do {
            _ = try await runDigestJob(day, cutoff: cutoff, queuesEmails: mailer != nil, progress: nil)
        } catch {
            await leases.release(period, done: false, logger: logger)
            throw error
        }
        await leases.release(period, done: true, logger: logger)
        return .written
    }

    private func runDigestJob(
        _ day: DigestPeriod, cutoff: Date, queuesEmails: Bool, progress: ((DigestProgress) -> Void)?
    ) async throws -> [String: [URL]] {
        let job = DigestJob(store: store, digestsDirectory: layout.digests, logger: logger, leases: digestLeases, queuesEmails: queuesEmails)
        let written = try await keepingAlive {
            try await job.run(
                profiles: loaded.configuration.profiles, sources: loaded.configuration.sources, period: day, cutoff: cutoff,
                now: clock(), today: today, progress: progress)
        }
        heartbeat?()
        return written
    }

    /// Rewrites the digests a crash interrupted (matches assigned, files not confirmed), of the periods no
    /// other daemon is writing.
    public func finishPendingDigests() async throws {
        let job = DigestJob(store: store, digestsDirectory: layout.digests, logger: logger, leases: digestLeases, queuesEmails: mailer != nil)
        try await keepingAlive {
            try await job.finishPending(profiles: loaded.configuration.profiles, sources: loaded.configuration.sources, now: clock(), today: today)
        }
    }

    /// What e-mails the digests with the configuration in force; nil when `veilleur.yaml` sets no `smtp`.
    public var mailer: DigestMailer? {
        loaded.configuration.settings.smtp.map { smtp in
            DigestMailer(
                store: store, settings: smtp, profiles: loaded.configuration.profiles, timeZone: loaded.digestSchedule.timeZone,
                logger: logger, clock: clock)
        }
    }

    /// Sends the digest e-mails due now (see ``DigestMailer``); nil when no `smtp` is configured.
    public func deliverDueEmails() async -> DeliveryReport? {
        await mailer?.deliverDue()
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
