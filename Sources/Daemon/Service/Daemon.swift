import Configuration
import Foundation
import Logging
import Scheduling

/// The long-running service behind `veilleur run`: crawls sources as they fall due, writes the digests
/// at their time, reloads on SIGHUP and stops cleanly on SIGTERM, telling systemd at each step.
public struct Daemon: Sendable {
    let configDirectory: URL
    let state: StateLayout
    let logger: Logger
    let notifier: SystemdNotifier
    let clock: @Sendable () -> Date
    /// Upper bound of one idle wait, so that the loop notices the time of day moving on.
    let maximumIdle: Duration
    /// How often the configuration folder is checked for edits.
    let configPollInterval: Duration

    public init(
        configDirectory: URL, state: StateLayout, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
        clock: @escaping @Sendable () -> Date = { Date() }, maximumIdle: Duration = .seconds(300),
        configPollInterval: Duration = .seconds(2)
    ) {
        self.configDirectory = configDirectory
        self.state = state
        self.logger = logger
        self.notifier = notifier
        self.clock = clock
        self.maximumIdle = maximumIdle
        self.configPollInterval = configPollInterval
    }

    /// How long the daemon waits before trying again after a storage or file-system error.
    static let pauseAfterError: TimeInterval = 300

    private enum Event: Sendable {
        case signal(DaemonSignal)
        case wake
    }

    /// Runs until a stop signal arrives. Throws only when it cannot start (invalid configuration, unusable
    /// state folder, or another process holding the state folder's lock: see ``StateLock``).
    public func run(signals: AsyncStream<DaemonSignal>) async throws {
        try state.prepare()
        let lock = try await StateLock.acquire(state, role: .daemon)
        defer { withExtendedLifetime(lock) {} }
        let pipeline = try Pipeline(
            configuration: try LoadedConfiguration.load(directory: configDirectory), state: state, logger: logger,
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
            ])
        notifier.notify("READY=1\nSTATUS=started")

        do {
            try pipeline.finishPendingDigests()
            try catchUpDigests(pipeline)
        } catch {
            logger.error("could not write an interrupted or missed digest; the next digest run retries it", metadata: ["error": "\(error)"])
        }
        var nextDigest = pipeline.loaded.digestSchedule.nextRun(after: clock())
        var iterator = events.makeAsyncIterator()
        var timer: Task<Void, Never>?
        // Waking well within the watchdog interval keeps the heartbeat fresh while idle.
        let idleCap = min(maximumIdle, (notifier.watchdogInterval ?? maximumIdle) / 3)
        // After a storage or file-system error the daemon pauses instead of exiting, so that a full disk
        // or a locked database does not turn into a restart loop; nothing is marked done until it succeeds.
        var pausedUntil = Date.distantPast

        while !stop.isRequested {
            heartbeat.beat()
            let now = clock()
            if now >= pausedUntil {
                do {
                    if now >= nextDigest {
                        let schedule = pipeline.loaded.digestSchedule
                        try pipeline.writeDigests(period: schedule.period(of: nextDigest), cutoff: nextDigest)
                        nextDigest = schedule.nextRun(after: now)
                    }
                    let due = try pipeline.dueSources()
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

            let due = (try? pipeline.nextSourceDue()) ?? nextDigest
            let wake = max(pausedUntil, min(nextDigest, due))
            timer?.cancel()
            timer = Task { [idleCap] in
                let wait = min(Duration.seconds(max(wake.timeIntervalSince(clock()), 0)), idleCap)
                try? await Task.sleep(for: wait)
                if !Task.isCancelled { eventSink.yield(.wake) }
            }
            switch await iterator.next() {
            case .signal(.reload):
                reload(pipeline)
                nextDigest = pipeline.loaded.digestSchedule.nextRun(after: clock())
            case .signal(.stop), nil:
                stop.request()
            case .wake:
                break
            }
        }
        timer?.cancel()
        notifier.notify("STOPPING=1")
        logger.info("daemon stopped")
    }

    /// Writes the digest of the last due time if the daemon was down then.
    private func catchUpDigests(_ pipeline: Pipeline) throws {
        let schedule = pipeline.loaded.digestSchedule
        let lastDue = schedule.lastRun(atOrBefore: clock())
        let period = schedule.period(of: lastDue)
        if !(try pipeline.profilesOwingDigest(period: period)).isEmpty {
            logger.info("writing a digest missed while stopped", metadata: ["period": "\(period)"])
            try pipeline.writeDigests(period: period, cutoff: lastDue)
        }
    }

    /// Loads the configuration again; on any error the running one stays in force.
    private func reload(_ pipeline: Pipeline) {
        notifier.notify("RELOADING=1")
        var status: String
        do {
            let new = try LoadedConfiguration.load(directory: configDirectory)
            try pipeline.replaceConfiguration(with: new)
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
