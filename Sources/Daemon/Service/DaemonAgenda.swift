import Foundation
import Scheduling

/// What the daemon does next and when it wakes, decided from the time and from what the loop reports, with
/// no clock, store or task of its own: ``Daemon`` tells it what happened and does what it says, and tests
/// drive it through any sequence of times without waiting.
///
/// Crawling runs beside everything else: a due digest is written while a pass is in progress, never after
/// it, and a new pass starts as soon as the previous one ends if sources are still due.
public struct DaemonAgenda: Sendable, Equatable {
    /// One thing to do now.
    public enum Step: Sendable, Equatable {
        /// Write the scheduled digests of `period` with the matches made before `cutoff` (their due time).
        case writeDigest(period: String, cutoff: Date)
        /// Claim the due sources and start a crawl pass over them.
        case crawl
    }

    /// When daily digests are due.
    public private(set) var schedule: DigestSchedule
    /// The due time of the next digest to write; in the past while it waits (held by another daemon, or
    /// paused after an error).
    public private(set) var nextDigest: Date
    /// While another daemon sharing the database writes the due digest, the end of its lease.
    public private(set) var digestHeldUntil = Date.distantPast
    /// After a storage or file-system error, when to try again; nothing is started before.
    public private(set) var pausedUntil = Date.distantPast
    /// Whether a crawl pass is running.
    public private(set) var crawling = false
    /// When the next source falls due, as the store last said; nil when none is stored.
    public private(set) var nextSourceDue: Date?
    /// The longest the loop sleeps, so that it renews leases and feeds the watchdog while idle.
    public let idleCap: TimeInterval
    /// The latest time the loop has seen, to notice the clock going back.
    private var lastSeen: Date

    /// How long the daemon waits before trying again after a storage or file-system error: a full disk or a
    /// locked database then costs a pause, not a restart loop.
    public static let pauseAfterError: TimeInterval = 300
    /// Digests missed further back than this (a machine off for weeks, a clock jumping ahead) are not
    /// written one by one: the schedule resumes within the window.
    public static let catchUpWindow: TimeInterval = 7 * 86_400

    /// An agenda starting at `now`: sources are looked for at once, the next digest is the first due after `now`.
    public init(schedule: DigestSchedule, now: Date, idleCap: TimeInterval) {
        self.schedule = schedule
        self.nextDigest = schedule.nextRun(after: now)
        self.idleCap = idleCap
        self.lastSeen = now
        self.nextSourceDue = now
    }

    /// What to do at `now`, in order: a due digest first, so it never waits behind a crawl; then a crawl
    /// pass, if sources are due and none runs. Nothing while paused after an error.
    public func steps(at now: Date) -> [Step] {
        guard now >= pausedUntil else { return [] }
        var steps: [Step] = []
        if now >= nextDigest, now >= digestHeldUntil {
            steps.append(.writeDigest(period: schedule.period(of: nextDigest), cutoff: nextDigest))
        }
        if !crawling, let due = nextSourceDue, due <= now {
            steps.append(.crawl)
        }
        return steps
    }

    /// When the loop must look again if nothing happens meanwhile: the next digest (or the end of another
    /// daemon's hold on it), the next due source unless a pass runs, the end of a pause, and at the latest
    /// `idleCap` after `now`.
    public func wakeTime(after now: Date) -> Date {
        var deadlines = [now.addingTimeInterval(idleCap)]
        if now < pausedUntil {
            deadlines.append(pausedUntil)
        } else {
            deadlines.append(max(nextDigest, digestHeldUntil))
            if !crawling, let due = nextSourceDue { deadlines.append(due) }
        }
        return max(now, deadlines.min() ?? now)
    }

    /// The loop looked at the clock: when it went back (a correction, a restored snapshot), deadlines
    /// computed from the later time are brought back within reach.
    public mutating func observe(_ now: Date) {
        if now < lastSeen {
            nextDigest = min(nextDigest, schedule.nextRun(after: now))
            pausedUntil = min(pausedUntil, now.addingTimeInterval(Self.pauseAfterError))
            digestHeldUntil = min(digestHeldUntil, now.addingTimeInterval(idleCap))
        }
        lastSeen = now
    }

    /// The due digest was written: the next one is the schedule's next due time after it, so that a period
    /// missed during a pause is written too, within ``catchUpWindow``.
    public mutating func digestWritten(at now: Date) {
        let resume = schedule.nextRun(after: now.addingTimeInterval(-Self.catchUpWindow))
        nextDigest = max(schedule.nextRun(after: nextDigest), resume)
        digestHeldUntil = .distantPast
    }

    /// Another daemon holds the due digest until `until`: ask again then, in case it died.
    public mutating func digestHeld(until: Date) {
        digestHeldUntil = until
    }

    /// A step failed on storage or the file system: wait before trying again.
    public mutating func failed(at now: Date) {
        pausedUntil = now.addingTimeInterval(Self.pauseAfterError)
    }

    /// A crawl pass started.
    public mutating func crawlStarted() {
        crawling = true
    }

    /// The claim found no due source: the next one falls due at `next`.
    public mutating func nothingDue(next: Date?) {
        nextSourceDue = next
    }

    /// The crawl pass ended: sources may have fallen due meanwhile, so the next step claims again at once.
    public mutating func crawlEnded(at now: Date) {
        crawling = false
        nextSourceDue = now
    }

    /// A new configuration is in force: with another digest time, the next digest is the first due after
    /// `now`; with the same, a digest already due stays due. Another daemon's hold is asked about again.
    public mutating func reloaded(schedule new: DigestSchedule, at now: Date) {
        if new != schedule {
            schedule = new
            nextDigest = new.nextRun(after: now)
        }
        digestHeldUntil = .distantPast
        nextSourceDue = min(nextSourceDue ?? now, now)
    }
}
