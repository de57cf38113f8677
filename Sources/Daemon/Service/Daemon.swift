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
    /// How often the configuration folder is checked for edits.
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

    /// How long the daemon waits before trying again after a storage or file-system error.
    static let pauseAfterError: TimeInterval = 300

    private enum Event: Sendable {
        case signal(DaemonSignal)
        case wake
        /// A reload's load finished.
        case loaded(Result<LoadedConfiguration, ConfigurationError>)
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

        let (events, eventSink) = AsyncStream<Event>.makeStream()
        let forwarder = Task {
            for await signal in signals {
                if signal == .stop { stop.request() }
                eventSink.yield(.signal(signal))
            }
        }
        let watchdog = startWatchdog(heartbeat: heartbeat)
        // Edits to the configuration folder reload it as SIGHUP does.
        let watcher = Task { [configDirectory, configPollInterval] in
            await ConfigWatcher(directory: configDirectory, interval: configPollInterval).run {
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

        do {
            try await pipeline.finishPendingDigests()
            try await catchUpDigests(pipeline)
        } catch {
            logger.error("could not write an interrupted or missed digest; the next digest run retries it", metadata: ["error": "\(error)"])
        }
        var nextDigest = pipeline.loaded.digestSchedule.nextRun(after: clock())
        // While another daemon sharing the database writes the due digests, this one asks again when that
        // daemon's lease ends, in case it died.
        var digestHeldUntil = Date.distantPast
        var iterator = events.makeAsyncIterator()
        var timer: Task<Void, Never>?
        // Waking well within the watchdog interval keeps the heartbeat fresh while idle, and well within a
        // lease tells the other daemons this one is alive.
        var idleCap: Duration {
            min(maximumIdle, (notifier.watchdogInterval ?? maximumIdle) / 3, .seconds(pipeline.loaded.configuration.settings.lease / 3))
        }
        // After a storage or file-system error the daemon pauses instead of exiting, so that a full disk
        // or a locked database does not turn into a restart loop; nothing is marked done until it succeeds.
        var pausedUntil = Date.distantPast
        var reloads = Reloads()
        // Digest e-mails go out on a task of their own, one round at a time, so that a slow or unreachable
        // mail server never holds back the crawl; the first round also settles sends a crash interrupted.
        var sending: Task<Void, Never>?
        var emailsChecked = false

        while !stop.isRequested {
            heartbeat.beat()
            let now = clock()
            await pipeline.keepAlive()
            if now >= pausedUntil {
                do {
                    if now >= nextDigest, now >= digestHeldUntil {
                        let schedule = pipeline.loaded.digestSchedule
                        let outcome = try await pipeline.writeScheduledDigests(period: schedule.period(of: nextDigest), cutoff: nextDigest)
                        if case .heldElsewhere(_, let until) = outcome {
                            digestHeldUntil = until
                        } else {
                            nextDigest = schedule.nextRun(after: now)
                        }
                    }
                    if sending == nil, let mailer = pipeline.mailer {
                        let emailDue = try await pipeline.store.nextDeliveryDue()
                        if !emailsChecked || (emailDue.map { $0 <= clock() } ?? false) {
                            emailsChecked = true
                            sending = Task {
                                await mailer.deliverDue(stop: stop)
                                eventSink.yield(.delivered)
                            }
                        }
                    }
                    let due = try await pipeline.dueSources()
                    if !due.isEmpty {
                        let summary = try await pipeline.crawl(due, stop: stop)
                        logger.info("crawl pass done", metadata: ["summary": "\(summary)"])
                        notifier.notify("STATUS=\(summary); next digest \(nextDigest)")
                        continue
                    }
                } catch {
                    pausedUntil = now.addingTimeInterval(Self.pauseAfterError)
                    logger.error(
                        "step failed; pausing", metadata: ["error": "\(error)", "seconds": "\(Int(Self.pauseAfterError))"])
                    notifier.notify("STATUS=paused after an error: \(error)")
                }
            }

            let due = (try? await pipeline.nextSourceDue()) ?? nextDigest
            var nextEmail: Date?
            if sending == nil, pipeline.mailer != nil {
                nextEmail = (try? await pipeline.store.nextDeliveryDue()) ?? nil
            }
            let wake = max(pausedUntil, min(max(nextDigest, digestHeldUntil), due, nextEmail ?? .distantFuture))
            timer?.cancel()
            timer = Task { [idleCap] in
                let wait = min(Duration.seconds(max(wake.timeIntervalSince(clock()), 0)), idleCap)
                try? await Task.sleep(for: wait)
                if !Task.isCancelled { eventSink.yield(.wake) }
            }
            switch await iterator.next() {
            case .signal(.reload):
                if reloads.requested() { startLoading(into: eventSink) }
            case .loaded(let result):
                await apply(result, to: pipeline)
                nextDigest = pipeline.loaded.digestSchedule.nextRun(after: clock())
                digestHeldUntil = .distantPast
                if reloads.finished() { startLoading(into: eventSink) }
            case .signal(.stop), nil:
                stop.request()
            case .delivered:
                sending = nil
            case .wake:
                break
            }
        }
        timer?.cancel()
        // The message in flight is let finish (its timeout bounds the wait), so that its outcome is recorded.
        await sending?.value
        notifier.notify("STOPPING=1")
        await pipeline.leave()
        logger.info("daemon stopped")
    }

    /// Writes the digest of the last due time if the daemon was down then.
    private func catchUpDigests(_ pipeline: Pipeline) async throws {
        let schedule = pipeline.loaded.digestSchedule
        let lastDue = schedule.lastRun(atOrBefore: clock())
        let period = schedule.period(of: lastDue)
        if !(try await pipeline.profilesOwingDigest(period: period)).isEmpty {
            logger.info("writing a digest missed while stopped", metadata: ["period": "\(period)"])
            _ = try await pipeline.writeScheduledDigests(period: period, cutoff: lastDue)
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
