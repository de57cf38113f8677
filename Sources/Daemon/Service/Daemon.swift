import Alerts
import Configuration
import Foundation
import Logging
import Scheduling
import Storage

/// The long-running service behind `veilleur run`: crawls sources as they fall due, writes the digests
/// at their time, reloads on SIGHUP and stops cleanly on SIGTERM, telling systemd at each step.
public struct Daemon: Sendable {
    let configDirectory: URL
    let state: StateLayout
    /// Where the store is (see ``DatabaseChoice``), decided once at start.
    let database: DatabaseLocation
    let logger: Logger
    let notifier: SystemdNotifier
    let clock: @Sendable () -> Date
    /// Upper bound of one idle wait, so that the loop notices the time of day moving on.
    let maximumIdle: Duration
    /// How long edits to the configuration must settle before a reload (and how often the folder is
    /// checked where the kernel cannot report changes).
    let configPollInterval: Duration
    /// Reads the configuration folder, at start and on each reload.
    let loadConfiguration: @Sendable (URL) throws(ConfigurationError) -> LoadedConfiguration

    public init(
        configDirectory: URL, state: StateLayout, database: DatabaseLocation? = nil, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
        clock: @escaping @Sendable () -> Date = { Date() }, maximumIdle: Duration = .seconds(300),
        configPollInterval: Duration = .seconds(2),
        loadConfiguration: @escaping @Sendable (URL) throws(ConfigurationError) -> LoadedConfiguration = {
            try LoadedConfiguration.load(directory: $0)
        }
    ) {
        self.configDirectory = configDirectory
        self.state = state
        self.database = database ?? state.defaultDatabase
        self.logger = logger
        self.notifier = notifier
        self.clock = clock
        self.maximumIdle = maximumIdle
        self.configPollInterval = configPollInterval
        self.loadConfiguration = loadConfiguration
    }

    private enum Event: Sendable {
        case signal(DaemonSignal)
        case wake
        /// A reload's load finished.
        case loaded(Result<LoadedConfiguration, ConfigurationError>)
        /// A crawl pass ended.
        case crawled(Result<CrawlSummary, any Error>)
        /// A round of digest e-mails ended.
        case delivered
    }

    /// Runs until a stop signal arrives. Throws only when it cannot start (invalid configuration, unusable
    /// state folder, or another process holding the state folder's lock: see ``StateLock``).
    public func run(signals: AsyncStream<DaemonSignal>) async throws {
        try state.prepare()
        let lock = try await StateLock.acquire(state, role: .daemon)
        defer { withExtendedLifetime(lock) {} }
        let pipeline = try await Pipeline(
            configuration: try loadConfiguration(configDirectory), state: state, database: database, logger: logger,
            clock: clock)
        let heartbeat = Heartbeat()
        let stop = StopRequest()
        pipeline.heartbeat = { heartbeat.beat() }
        let publishing = MetricsPublishing(textfile: MetricsTextfile(file: state.metricsTextfile), logger: logger)
        pipeline.metrics = publishing.exposition.metrics
        await publishing.apply(pipeline.loaded.configuration.settings.metrics)

        let (events, eventSink) = AsyncStream<Event>.makeStream()
        let forwarder = Task {
            for await signal in signals {
                if signal == .stop { stop.request() }
                eventSink.yield(.signal(signal))
            }
        }
        let watchdog = startWatchdog(heartbeat: heartbeat)
        // Edits to the configuration folder reload it as SIGHUP does.
        let watcher = Task { [configDirectory, configPollInterval, logger] in
            let settle = min(configPollInterval, .milliseconds(500))
            await ConfigWatcher(directory: configDirectory, settle: settle, pollInterval: configPollInterval, logger: logger).run {
                eventSink.yield(.signal(.reload))
            }
        }
        defer {
            forwarder.cancel()
            watchdog?.cancel()
            watcher.cancel()
        }

        logger.info(
            "daemon ready",
            metadata: [
                "sources": "\(pipeline.loaded.configuration.sources.count)",
                "profiles": "\(pipeline.loaded.configuration.profiles.count)", "state": "\(state.root.path)",
                "database": "\(database)",
                "owner": "\(pipeline.identity.owner)", "member": "\(pipeline.identity.member)",
            ])
        notifier.notify("READY=1\nSTATUS=started")
        // Alerts a crash left without their file or command are finished first; then each recording's.
        let alertStage = Task { [alerts = pipeline.alerts] in await alerts.run() }

        do {
            try await pipeline.finishPendingDigests()
            try await pipeline.catchUpDigests()
        } catch {
            logger.error("could not write an interrupted or missed digest; the next digest run retries it", metadata: ["error": "\(error)"])
        }
        // Waking well within the watchdog interval keeps the heartbeat fresh while idle, and well within a
        // lease tells the other daemons this one is alive.
        var idleCap: Duration {
            min(maximumIdle, (notifier.watchdogInterval ?? maximumIdle) / 3, .seconds(pipeline.loaded.configuration.settings.lease / 3))
        }
        var agenda = DaemonAgenda(
            plan: pipeline.loaded.digestPlan, now: clock(),
            idleCap: Double(idleCap.components.seconds) + Double(idleCap.components.attoseconds) / 1e18)
        var iterator = events.makeAsyncIterator()
        var timer: Task<Void, Never>?
        // The running pass, if any: it records on its own task while this loop writes digests and answers signals.
        var crawl: Task<Void, Never>?
        var reloads = Reloads()
        // Digest e-mails go out on a task of their own, one round at a time, so that a slow or unreachable
        // mail server never holds back the crawl; the first round also settles sends a crash interrupted.
        var sending: Task<Void, Never>?
        var emailsChecked = false

        while !stop.isRequested {
            heartbeat.beat()
            let now = clock()
            agenda.observe(now)
            await pipeline.keepAlive()
            await publishing.refresh(pipeline, now: now)
            for step in agenda.steps(at: now) {
                do {
                    switch step {
                    case .writeDigest(let schedule, let dueAt):
                        let period = schedule.digestPeriod(of: dueAt)
                        let outcome = try await pipeline.writeScheduledDigests(schedule, period: period, cutoff: dueAt)
                        if case .heldElsewhere(_, let until) = outcome {
                            agenda.digestHeld(schedule, until: until)
                        } else {
                            agenda.digestWritten(schedule, at: clock())
                            notifier.notify("STATUS=digests of \(period) written")
                        }
                    case .prune:
                        agenda.pruned(next: await prune(pipeline, stop: stop, now: now))
                    case .crawl:
                        let due = try await pipeline.dueSources()
                        guard !due.isEmpty else {
                            agenda.nothingDue(next: try await pipeline.nextSourceDue())
                            continue
                        }
                        agenda.crawlStarted()
                        let pass = pipeline.pass(over: due, stop: stop)
                        crawl = Task { eventSink.yield(.crawled(await pass.run())) }
                    }
                } catch {
                    agenda.failed(at: clock())
                    logger.error(
                        "step failed; pausing", metadata: ["error": "\(error)", "seconds": "\(Int(DaemonAgenda.pauseAfterError))"])
                    notifier.notify("STATUS=paused after an error: \(error)")
                }
            }
            // Digest e-mails due (retries, or queued by the digests just written) go out beside the crawl; the
            // store is asked once per turn, and a pause holds e-mails back as it holds everything else.
            var nextEmail: Date?
            if sending == nil, let mailer = pipeline.mailer {
                let emailDue = (try? await pipeline.store.nextDeliveryDue()) ?? nil
                if now >= agenda.pausedUntil, !emailsChecked || (emailDue.map { $0 <= clock() } ?? false) {
                    emailsChecked = true
                    sending = Task {
                        await mailer.deliverDue(stop: stop)
                        eventSink.yield(.delivered)
                    }
                } else {
                    nextEmail = emailDue.map { max($0, agenda.pausedUntil) }
                }
            }

            let wake = min(agenda.wakeTime(after: clock()), publishing.nextRefresh, nextEmail ?? .distantFuture)
            timer?.cancel()
            timer = Task {
                let wait = Duration.seconds(max(wake.timeIntervalSince(clock()), 0))
                try? await Task.sleep(for: wait)
                if !Task.isCancelled { eventSink.yield(.wake) }
            }
            switch await iterator.next() {
            case .signal(.reload):
                if reloads.requested() { startLoading(into: eventSink) }
            case .loaded(let result):
                await apply(result, to: pipeline)
                await publishing.apply(pipeline.loaded.configuration.settings.metrics)
                agenda.reloaded(plan: pipeline.loaded.digestPlan, at: clock())
                if reloads.finished() { startLoading(into: eventSink) }
            case .crawled(let result):
                crawl = nil
                await pipeline.releaseClaims()
                agenda.crawlEnded(at: clock())
                switch result {
                case .success(let summary):
                    logger.info("crawl pass done", metadata: ["summary": "\(summary)"])
                    notifier.notify("STATUS=\(summary); next digest \(agenda.nextDigest.map { "\($0)" } ?? "none")")
                case .failure(let error):
                    agenda.failed(at: clock())
                    logger.error(
                        "crawl pass failed; pausing", metadata: ["error": "\(error)", "seconds": "\(Int(DaemonAgenda.pauseAfterError))"])
                    notifier.notify("STATUS=paused after an error: \(error)")
                }
            case .signal(.stop), nil:
                stop.request()
            case .delivered:
                sending = nil
            case .wake:
                break
            }
        }
        // A stop aborts the pass's transfers; what it stored stays, and its unrecorded sources are released.
        if let crawl {
            await crawl.value
            await pipeline.releaseClaims()
        }
        timer?.cancel()
        alertStage.cancel()
        await alertStage.value
        // The message in flight is let finish (its timeout bounds the wait), so that its outcome is recorded.
        await sending?.value
        notifier.notify("STOPPING=1")
        await publishing.stop()
        await pipeline.leave()
        logger.info("daemon stopped")
    }

    /// Runs one retention pass; returns when to run the next: at once while more is left, in a day once
    /// done, after the usual pause when it failed (the crawl goes on meanwhile).
    private func prune(_ pipeline: Pipeline, stop: StopRequest, now: Date) async -> Date {
        do {
            let summary = try await pipeline.prune(stop: stop)
            return summary.more ? now : now.addingTimeInterval(DaemonAgenda.pruneInterval)
        } catch {
            logger.warning(
                "retention failed; tried again later", metadata: ["error": "\(error)", "seconds": "\(Int(DaemonAgenda.pauseAfterError))"])
            return now.addingTimeInterval(DaemonAgenda.pauseAfterError)
        }
    }

    /// Loads the configuration again on a thread of its own and posts the result to the loop: reading and
    /// compiling are synchronous, and the loop must keep answering signals, the watchdog and the crawl
    /// meanwhile. A stop before the load ends drops its result.
    private func startLoading(into events: AsyncStream<Event>.Continuation) {
        notifier.notify("RELOADING=1")
        let (load, directory) = (loadConfiguration, configDirectory)
        Thread.detachNewThread {
            events.yield(.loaded(Result { () throws(ConfigurationError) in try load(directory) }))
        }
    }

    /// Puts a reloaded configuration in force; on any error the running one stays in force.
    private func apply(_ result: Result<LoadedConfiguration, ConfigurationError>, to pipeline: Pipeline) async {
        var status: String
        do {
            let new = try result.get()
            if new.configuration.settings.database != pipeline.loaded.configuration.settings.database {
                // Moving a running daemon to another store mid-pass would split its state between two databases.
                logger.warning(
                    "database of veilleur.yaml changed; the store in use stays until the daemon restarts",
                    metadata: ["database": "\(database)"])
            }
            try await pipeline.replaceConfiguration(with: new)
            status = "configuration reloaded"
            logger.info(
                "configuration reloaded",
                metadata: [
                    "sources": "\(new.configuration.sources.count)", "profiles": "\(new.configuration.profiles.count)",
                ])
        } catch let error as ConfigurationError {
            for issue in error.issues {
                logger.error("invalid configuration kept out", metadata: ["issue": "\(issue)"])
            }
            status = "configuration refused (\(error.issues.count) errors); the previous one stays in force"
            logger.warning("reload refused; the previous configuration stays in force")
        } catch {
            status = "reload failed; the previous configuration stays in force"
            logger.error("reload failed; the previous configuration stays in force", metadata: ["error": "\(error)"])
        }
        notifier.notify("READY=1\nSTATUS=\(status)")
    }

    /// Pings systemd at half its watchdog interval while the loop shows progress.
    private func startWatchdog(heartbeat: Heartbeat) -> Task<Void, Never>? {
        guard let interval = notifier.watchdogInterval else { return nil }
        return Task { [notifier] in
            while !Task.isCancelled {
                if heartbeat.age < interval { notifier.notify("WATCHDOG=1") }
                try? await Task.sleep(for: interval / 2)
            }
        }
    }
}

/// One load at a time: reloads asked for while one runs are folded into a single load after it, so that
/// the newest files are the ones put in force.
private struct Reloads {
    private var loading = false
    private var pending = false

    /// Records a reload request; true when a load should start now.
    mutating func requested() -> Bool {
        if loading {
            pending = true
            return false
        }
        loading = true
        return true
    }

    /// Records the end of a load; true when another should start now.
    mutating func finished() -> Bool {
        if pending {
            pending = false
            return true
        }
        loading = false
        return false
    }
}
