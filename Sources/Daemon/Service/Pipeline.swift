import Alerts
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
    /// Shared by the lease renewals of the loop, the crawl pass and the digest runs, so one runs at a time.
    private let renewing = RenewalInFlight()
    /// Where the crawl, the store and the digests are counted; nowhere unless the daemon publishes metrics.
    public var metrics = DaemonMetrics()
    /// The alert stage: writes the files of the alerts recordings raise and runs the alert command.
    /// The daemon runs its loops (``AlertDispatcher/run()``); one-shot commands call ``deliverAlerts()``.
    public let alerts: AlertDispatcher

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
        self.alerts = AlertDispatcher(
            ledger: StoreAlertLedger(store: store, owner: identity.owner), folder: AlertFolder(url: state.alerts),
            command: configuration.configuration.settings.alertCommand.map(AlertCommand.init), logger: logger, clock: clock)
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
            // A pass still running keeps the fetcher it started with; it shuts down once released.
            fetcher = HTTPFetcher(limits: new.fetchLimits, logger: logger)
        }
        loaded = new
        await alerts.setCommand(new.configuration.settings.alertCommand.map(AlertCommand.init))
        warnAboutIgnoredRobots(new)
    }

    /// Writes the files of the alerts raised and not yet written, then runs the alert command of those
    /// due, once: what a one-shot crawl does before it ends (failed commands run again at the next one).
    public func deliverAlerts() async {
        await alerts.writePending()
        await alerts.runDueCommands()
    }

    /// The `alert_score` of each profile that sets one, by profile id.
    private var alertScores: [String: Double] {
        var scores: [String: Double] = [:]
        for profile in loaded.configuration.profiles {
            if let score = profile.alertScore { scores[profile.id] = score }
        }
        return scores
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
        for state in states { metrics.started(lateBy: now.timeIntervalSince(state.nextDueAt)) }
        if !states.isEmpty {
            logger.debug("sources claimed", metadata: ["sources": "\(states.count)", "owner": "\(identity.owner)"])
        }
        return sources.filter { claimed[$0.name] != nil }
    }

    /// Tells the other daemons this one is alive: its declaration keeps counting, and its unexpired leases
    /// run one lease more. A failure is logged: the leases then expire and other daemons take over.
    public func keepAlive() async {
        await renewal.renew()
    }

    /// Runs `body` while this daemon's leases are renewed; see ``LeaseRenewal``.
    private func keepingAlive<Value>(_ body: () async throws -> Value) async throws -> Value {
        try await renewal.during(body)
    }

    private var renewal: LeaseRenewal {
        LeaseRenewal(store: store, identity: identity, lease: lease, clock: clock, logger: logger, inFlight: renewing)
    }

    /// Releases every source lease this process still holds: they stay due, and any daemon may take them.
    public func releaseClaims() async {
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
        let result = await pass(over: sources, stop: stop, progress: progress).run()
        // Whatever was not recorded (a stop, a transfer aborted, a robots.txt not yet known) is due again, for anyone.
        await releaseClaims()
        return try result.get()
    }

    /// A crawl pass over `sources` with the configuration in force, to run on any task (the daemon runs it
    /// beside its digests). Whoever runs it calls ``releaseClaims()`` once it ends.
    public func pass(
        over sources: [Source], stop: StopRequest, progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) -> CrawlPass {
        // A `fetch.min_interval` below the policy's own floor is the operator's choice, and is kept.
        let policy = RefreshPolicy(minimumInterval: min(RefreshPolicy().minimumInterval, loaded.adaptiveInterval.minimum))
        let crawler = Crawler(
            fetcher: fetcher, store: store, robots: robots, policy: policy, adaptive: loaded.adaptiveInterval, limits: loaded.crawlLimits,
            logger: logger, clock: clock, heartbeat: heartbeat, progress: progress, metrics: metrics, alertScores: alertScores,
            alertsRaised: { [alerts] in alerts.alertsRaised() })
        let states = sources.allSatisfy { claimed[$0.name] != nil } ? claimed : nil
        claimed = [:]
        return CrawlPass(
            crawler: crawler, sources: sources, states: states, matcher: loaded.compiledMatcher, stop: stop, renewal: renewal,
            metrics: metrics)
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

    /// Prunes what is older than the retention limits (`retention` in `veilleur.yaml`): at most `batches`
    /// short transactions, each of ``Retention/batch`` rows at most, so that a first pass over a large
    /// database leaves room for the crawl; the summary says whether more is left (``PruneSummary/more``).
    /// Idempotent: several daemons sharing the database may each run it.
    public func prune(batches: Int = 100, stop: StopRequest = StopRequest()) async throws -> PruneSummary {
        let retention = loaded.configuration.settings.retention
        let now = clock()
        var total = PruneSummary()
        var done = 0
        repeat {
            total = total + (try await store.prune(
                contentBefore: now.addingTimeInterval(-retention.content), identityBefore: now.addingTimeInterval(-retention.identity),
                now: now, batch: Retention.batch))
            done += 1
            heartbeat?()
        } while total.more && done < batches && !stop.isRequested
        logger.info(
            "retention pass done",
            metadata: [
                "items_pruned": "\(total.itemsPruned)", "matches_deleted": "\(total.matchesDeleted)",
                "digests_deleted": "\(total.digestsDeleted)", "items_forgotten": "\(total.itemsForgotten)", "more": "\(total.more)",
            ])
        if total.unassignedMatchesDeleted > 0 {
            logger.warning(
                "matches older than the content limit were pruned before any digest took them",
                metadata: ["matches": "\(total.unassignedMatchesDeleted)", "content_days": "\(Int(retention.content / 86_400))"])
        }
        return total
    }

    /// Today in `veilleur.yaml`'s digest time zone: a person may ask for a digest up to this day.
    public var today: DigestPeriod {
        loaded.digestSchedule.day(of: clock())
    }

    /// The digest periods this process claims before writing them.
    private var digestLeases: DigestLeases {
        DigestLeases(store: store, owner: identity.owner, length: lease, clock: clock)
    }

    /// The latest local day among the digest time zones: no digest folder dated later is written or used.
    private var latestDay: DigestPeriod {
        loaded.digestPlan.latestDay(at: clock())
    }

    /// How many missed periods of one schedule a daemon start catches up at most, newest kept: the oldest of
    /// them also takes whatever was matched before it and never went out.
    public static let catchUpLimit = 31

    /// Writes the digest of `period` (`YYYY-MM-DD` or `YYYY-Www`, begun by today) of every profile whose
    /// schedules include one of its kind, with the matches made before `cutoff`, as a person asks: even if
    /// the period was written already, but not while another daemon writes it (``DigestPeriodHeld``). The
    /// period is not marked done, so the schedule still writes it.
    /// - Parameter progress: told before the first profile and after each one.
    @discardableResult
    /// - Parameter queuesEmails: queue each digest for e-mail to its profile's `deliver.email` recipients
    ///   (``deliverDueEmails()`` sends them); only with `smtp` configured.
    public func writeDigests(
        period: String, cutoff: Date, queuesEmails: Bool = false, progress: ((DigestProgress) -> Void)? = nil
    ) async throws -> [String: [URL]] {
        guard let requested = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let plan = loaded.digestPlan
        let entries = plan.entries.filter { $0.schedule.kind == requested.kind }
        let total = entries.reduce(0) { $0 + $1.profiles.count }
        let leases = digestLeases
        var written: [String: [URL]] = [:]
        var before = DigestProgress(total: total)
        if entries.isEmpty { progress?(before) }
        for entry in entries {
            let name = plan.leaseName(requested, of: entry.schedule)
            if case .held(let owner, let until) = try await leases.claim(name, again: true) {
                throw DigestPeriodHeld(period: name, owner: owner, until: until)
            }
            let base = before
            do {
                let files = try await runDigestJob(
                    entry.profiles, period: requested, lease: name, cutoff: cutoff, queuesEmails: queuesEmails && mailer != nil
                ) { step in
                    before = DigestProgress(total: total, done: base.done + step.done, failed: base.failed + step.failed)
                    progress?(before)
                }
                written.merge(files) { first, second in first + second }
                await leases.release(name, done: false, logger: logger)
            } catch {
                await leases.release(name, done: false, logger: logger)
                throw error
            }
        }
        return written
    }

    /// Writes `schedule`'s digests of `period` at their due time, unless another daemon sharing the
    /// database writes or wrote them: exactly one daemon writes a period of a schedule, and marks it done.
    /// - Parameter only: the profiles to write, among the schedule's; all of them when nil.
    public func writeScheduledDigests(
        _ schedule: DigestSchedule, period: DigestPeriod, cutoff: Date, only: [String]? = nil
    ) async throws -> ScheduledDigests {
        let plan = loaded.digestPlan
        let chosen = only.map(Set.init)
        let profiles = plan.entries.first { $0.schedule == schedule }?.profiles.filter { chosen?.contains($0) ?? true } ?? []
        let name = plan.leaseName(period, of: schedule)
        let leases = digestLeases
        switch try await leases.claim(name, again: false) {
        case .done(let owner, _):
            logger.info("digests of the period written by another daemon; skipped", metadata: ["period": "\(name)", "by": "\(owner)"])
            return .writtenElsewhere(by: owner)
        case .held(let owner, let until):
            logger.info(
                "digests of the period being written by another daemon; asked again when its lease ends",
                metadata: ["period": "\(name)", "by": "\(owner)", "until": "\(until)"])
            return .heldElsewhere(by: owner, until: until)
        case .granted:
            break
        }
        do {
            _ = try await runDigestJob(profiles, period: period, lease: name, cutoff: cutoff, queuesEmails: mailer != nil, progress: nil)
        } catch {
            await leases.release(name, done: false, logger: logger)
            throw error
        }
        await leases.release(name, done: true, logger: logger)
        return .written
    }

    private func runDigestJob(
        _ ids: [String], period: DigestPeriod, lease: String, cutoff: Date, queuesEmails: Bool, progress: ((DigestProgress) -> Void)?
    ) async throws -> [String: [URL]] {
        let chosen = Set(ids)
        let profiles = loaded.configuration.profiles.filter { chosen.contains($0.id) }
        let written: [String: [URL]]
        do {
            written = try await keepingAlive {
                try await digestJob(queuesEmails: queuesEmails).run(
                    profiles: profiles, sources: loaded.configuration.sources, period: period, cutoff: cutoff,
                    now: clock(), today: latestDay, lease: lease, progress: progress)
            }
        } catch let error as DigestJobError {
            let failed = Set(error.failures.map(\.profile))
            for profile in profiles { metrics.digest(of: profile.id, written: !failed.contains(profile.id) && !failed.contains("*")) }
            throw error
        }
        for profile in profiles { metrics.digest(of: profile.id, written: true) }
        heartbeat?()
        return written
    }

    private func digestJob(queuesEmails: Bool) -> DigestJob {
        let plan = loaded.digestPlan
        return DigestJob(
            store: store, digestsDirectory: layout.digests, logger: logger, leases: digestLeases,
            timeZone: loaded.digestSchedule.timeZone, leaseName: { profile, period in plan.leaseName(of: profile, period: period) },
            queuesEmails: queuesEmails)
    }

    /// Rewrites the digests a crash interrupted (matches assigned, files not confirmed), of the periods no
    /// other daemon is writing.
    public func finishPendingDigests() async throws {
        let job = digestJob(queuesEmails: mailer != nil)
        try await keepingAlive {
            try await job.finishPending(profiles: loaded.configuration.profiles, sources: loaded.configuration.sources, now: clock(), today: latestDay)
        }
    }

    /// Reads what the metrics show of the store: the database's size and the configured sources by status.
    public func gatherStoreMetrics() async throws {
        let configured = Set(loaded.configuration.sources.map(\.name))
        var counts: [String: Int] = [:]
        for state in try await store.sourceStates() where configured.contains(state.name) && !state.retired {
            let status = state.lastFetchAt == nil ? "never_fetched" : state.consecutiveFailures > 0 ? "failing" : "ok"
            counts[status, default: 0] += 1
        }
        metrics.sources(byStatus: counts)
        metrics.database(bytes: try await store.databaseSize())
        metrics.updated(at: clock())
    }

    /// What e-mails the digests with the configuration in force; nil when `veilleur.yaml` sets no `smtp`.
    public var mailer: DigestMailer? {
        loaded.configuration.settings.smtp.map { smtp in
            DigestMailer(
                store: store, settings: smtp, profiles: loaded.configuration.profiles, timeZone: loaded.digestSchedule.timeZone,
                logger: logger, clock: clock, metrics: metrics)
        }
    }

    /// Sends the digest e-mails due now (see ``DigestMailer``); nil when no `smtp` is configured.
    public func deliverDueEmails() async -> DeliveryReport? {
        await mailer?.deliverDue()
    }

    /// Profiles following a schedule of `period`'s kind whose digest of `period` has not been written yet but
    /// that have written one of that kind before: the daemon was down at the due time and owes it. Digests
    /// dated after today do not count.
    public func profilesOwingDigest(period: String) async throws -> [String] {
        guard let owed = DigestPeriod(period) else { throw DigestDayError.notADay(period) }
        let plan = loaded.digestPlan
        let latest = try await store.latestDigestPeriods(of: owed.kind, onOrBefore: latestDay)
        return loaded.configuration.profiles.compactMap { profile in
            guard plan.schedule(of: profile.id, for: owed.kind) != nil, let last = latest[profile.id] else { return nil }
            return last < owed ? profile.id : nil
        }
    }

    /// Writes, oldest first, the periods of each schedule whose due time passed while no daemon wrote them:
    /// each for the profiles that wrote a digest of that kind before it and not since, with the matches of
    /// its own time range (up to its due time), at most ``catchUpLimit`` periods per schedule. A schedule
    /// whose period another daemon is writing is left to that daemon.
    public func catchUpDigests() async throws {
        let now = clock()
        for kind in DigestPeriod.Kind.allCases {
            let entries = loaded.digestPlan.entries.filter { $0.schedule.kind == kind }
            guard !entries.isEmpty else { continue }
            let latest = try await store.latestDigestPeriods(of: kind, onOrBefore: latestDay)
            for entry in entries {
                guard let oldest = entry.profiles.compactMap({ latest[$0] }).min() else { continue }
                for period in entry.schedule.periods(after: oldest, dueBy: now, limit: Self.catchUpLimit) {
                    let owing = entry.profiles.filter { profile in latest[profile].map { $0 < period } ?? false }
                    guard !owing.isEmpty else { continue }
                    logger.info(
                        "writing a digest missed while stopped",
                        metadata: ["period": "\(period)", "schedule": "\(entry.schedule)", "profiles": "\(owing.count)"])
                    let cutoff = entry.schedule.dueTime(of: period)
                    if case .heldElsewhere = try await writeScheduledDigests(entry.schedule, period: period, cutoff: cutoff, only: owing) {
                        break
                    }
                }
            }
        }
    }

    /// The day or week a person asks a digest for, if it may be written: begun by today, and not ended before
    /// the day the first item was stored, when nothing could have been matched; with nothing stored, only
    /// today or this week.
    public func requestedDigestDay(_ text: String) async throws(DigestDayError) -> DigestPeriod {
        guard let day = DigestPeriod(text) else { throw .notADay(text) }
        let today = self.today
        let timeZone = loaded.digestSchedule.timeZone.identifier
        guard day <= today else { throw .afterToday(day, today: today, timeZone: timeZone) }
        // A week is compared with the week of the day it is checked against.
        func same(_ other: DigestPeriod) -> DigestPeriod { day.kind == .week ? other.week : other }
        let first: Date?
        do {
            first = try await store.firstItemStoredAt()
        } catch {
            throw .unreadableStore("\(error)")
        }
        guard let first else {
            guard day == same(today) else { throw .nothingStored(day, today: today, timeZone: timeZone) }
            return day
        }
        let firstDay = min(loaded.digestSchedule.day(of: first), today)
        guard day >= same(firstDay) else { throw .beforeFirstItem(day, firstDay: firstDay) }
        return day
    }
}
