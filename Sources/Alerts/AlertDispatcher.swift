import Foundation
import Logging
import Model

/// The alert stage: writes the file of each alert the store raised, then runs the alert command, away
/// from the crawl.
///
/// Two loops, each the one owner of its step: files are written as soon as a recording raises alerts
/// (``alertsRaised()``), commands run one at a time after them and again, with backoff, after a failure.
/// The crawl only signals: a signal is one pending wake (a queue bounded to one), and the alerts
/// themselves wait in the store, so a slow or hanging command never holds a crawl, nor a file back.
public actor AlertDispatcher {
    private let ledger: any AlertLedger
    private let folder: AlertFolder
    private var command: AlertCommand?
    private let backoff: RetryBackoff
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let fileWakes: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    private let commandWakes: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)

    /// Alerts claimed per file round.
    static let fileBatch = 64
    /// How long a loop waits before trying a step again after the store or the disk failed, and at most
    /// between two looks at the store (alerts left by a daemon that died, retries falling due).
    static let idle: Duration = .seconds(60)

    public init(
        ledger: any AlertLedger, folder: AlertFolder, command: AlertCommand?, backoff: RetryBackoff = RetryBackoff(), logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.ledger = ledger
        self.folder = folder
        self.command = command
        self.backoff = backoff
        self.logger = logger
        self.clock = clock
        fileWakes = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        commandWakes = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Puts a reloaded `alerts` setting in force; alerts written meanwhile follow the new one.
    public func setCommand(_ command: AlertCommand?) {
        self.command = command
        commandWakes.continuation.yield()
    }

    /// A recording raised alerts: their files are written as soon as the file loop gets to them.
    public nonisolated func alertsRaised() {
        fileWakes.continuation.yield()
    }

    /// Runs both loops until the task is cancelled, starting with what is pending (alerts a crash left
    /// without their file, commands due). A command running at cancellation is killed; its alert runs it
    /// again at the next start.
    public func run() async {
        await withTaskGroup(of: Void.self) { loops in
            loops.addTask { await self.fileLoop() }
            loops.addTask { await self.commandLoop() }
        }
    }

    private func fileLoop() async {
        var wakes = fileWakes.stream.makeAsyncIterator()
        while !Task.isCancelled {
            _ = await writePending()
            await wait(for: &wakes, continuation: fileWakes.continuation, until: nil)
        }
    }

    private func commandLoop() async {
        var wakes = commandWakes.stream.makeAsyncIterator()
        while !Task.isCancelled {
            _ = await runDueCommands()
            let next = try? await ledger.nextDue(.written)
            await wait(for: &wakes, continuation: commandWakes.continuation, until: command == nil ? nil : next)
        }
    }

    /// Waits for a wake, `until` or ``idle``, whichever comes first.
    private func wait(for wakes: inout AsyncStream<Void>.Iterator, continuation: AsyncStream<Void>.Continuation, until: Date?) async {
        var delay = Self.idle
        if let until { delay = min(delay, .seconds(max(until.timeIntervalSince(clock()), 0))) }
        let timer = Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { continuation.yield() }
        }
        _ = await wakes.next(isolation: #isolation)
        timer.cancel()
    }

    /// Writes the file of every pending alert due now, marking each written; returns how many were written.
    /// A failure is logged and left for the next round: the alert stays pending.
    @discardableResult
    public func writePending() async -> Int {
        var written = 0
        while !Task.isCancelled {
            let now = clock()
            let alerts: [Alert]
            do {
                alerts = try await ledger.claim(.pending, now: now, until: now.addingTimeInterval(Self.idle.seconds), limit: Self.fileBatch)
            } catch {
                logger.error("alerts not read; asked again later", metadata: ["error": "\(error)"])
                return written
            }
            for alert in alerts {
                let name = AlertFileName.name(profile: alert.profile, itemID: alert.itemID)
                do {
                    let path = try folder.write(AlertDocument(alert).encoded(), named: name)
                    try await ledger.markWritten(alert, commandOwed: command != nil, now: clock())
                    written += 1
                    logger.info(
                        "alert written",
                        metadata: ["profile": "\(alert.profile)", "item": "\(alert.itemID)", "score": "\(alert.score)", "path": "\(path)"])
                } catch {
                    logger.error(
                        "alert file not written; tried again later",
                        metadata: ["profile": "\(alert.profile)", "item": "\(alert.itemID)", "file": "\(name)", "error": "\(error)"])
                    return written
                }
            }
            if written > 0 { commandWakes.continuation.yield() }
            if alerts.count < Self.fileBatch { break }
        }
        return written
    }

    /// Runs the command of every written alert due now, one at a time; returns how many runs succeeded.
    @discardableResult
    public func runDueCommands() async -> Int {
        guard let command else { return 0 }
        var delivered = 0
        while !Task.isCancelled {
            let now = clock()
            // One at a time, leased for as long as its run may take.
            let lease = command.timeout.seconds + Self.idle.seconds
            let claimed: [Alert]
            do {
                claimed = try await ledger.claim(.written, now: now, until: now.addingTimeInterval(lease), limit: 1)
            } catch {
                logger.error("alerts not read; asked again later", metadata: ["error": "\(error)"])
                return delivered
            }
            guard let alert = claimed.first else { break }
            let run = await CommandRunner.run(command, input: AlertDocument(alert).encoded())
            let outcome = run.outcome
            // A stop kills the run: the alert keeps its attempts and runs again at the next start.
            if Task.isCancelled { break }
            let attempt = outcome.succeeded ? AlertAttempt.delivered : backoff.next(afterFailures: alert.attempts + 1, now: clock())
            log(alert, run: run, attempt: attempt)
            do {
                try await ledger.recordAttempt(alert, attempt, now: clock())
            } catch {
                logger.error("alert command outcome not recorded", metadata: ["alert": "\(alert.id)", "error": "\(error)"])
                return delivered
            }
            if outcome.succeeded { delivered += 1 }
        }
        return delivered
    }

    private func log(_ alert: Alert, run: CommandRun, attempt: AlertAttempt) {
        var metadata: Logger.Metadata = [
            "profile": "\(alert.profile)", "item": "\(alert.itemID)", "attempt": "\(alert.attempts + 1)", "outcome": "\(run.outcome)",
        ]
        if !run.outcome.succeeded, !run.output.isEmpty { metadata["output"] = "\(run.output)" }
        switch attempt {
        case .delivered:
            logger.info("alert command done", metadata: metadata)
        case .retry(let at):
            metadata["retry_at"] = "\(AlertDocument.timestamp(at))"
            logger.warning("alert command failed; run again later", metadata: metadata)
        case .abandoned:
            logger.error("alert command failed for the last time; alert abandoned", metadata: metadata)
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
