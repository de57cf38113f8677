import Foundation
import Scheduling

/// What the daemon does next and when it wakes, decided from the time and from what the loop reports, with
/// no clock, store or task of its own: ``Daemon`` tells it what happened and does what it says, and tests
/// drive it through any sequence of times without waiting.
///
/// Crawling runs beside everything else: a due digest is written while a pass is in progress, never after
/// it, and a new pass starts as soon as the previous one ends if sources are still due.
public struct DaemonAgenda: Sendable {
    /// One thing to do now.
    public enum Step: Sendable, Equatable {
        /// Write the digests `schedule` owes for the period due at `dueAt`, with the matches made before it.
        case writeDigest(schedule: DigestSchedule, dueAt: Date)
        /// Claim the due sources and start a crawl pass over them.
        case crawl
        /// Run a pass of retention.
        case prune
    }

    private var digests: DigestTimers
    /// The schedules of the plan in force, to notice a reload that changes them.
    private var schedules: [DigestSchedule]
    /// After a storage or file-system error, when to try again; nothing is started before.
    public private(set) var pausedUntil = Date.distantPast
    /// Whether a crawl pass is running.
    public private(set) var crawling = false
    /// When the next source falls due, as the store last said; nil when none is stored.
    public private(set) var nextSourceDue: Date?
    /// When retention runs next: at start, then as each pass says.
    public private(set) var nextPrune: Date
    /// The longest the loop sleeps, so that it renews leases and feeds the watchdog while idle.
    public let idleCap: TimeInterval
    /// The latest time the loop has seen, to notice the clock going back.
    private var lastSeen: Date

    /// How long the daemon waits before trying again after a storage or file-system error: a full disk or a
    /// locked database then costs a pause, not a restart loop.
    public static let pauseAfterError: TimeInterval = 300
    /// Digests missed further back than this (a machine suspended for weeks, a clock jumping ahead) are not
    /// written one by one: the schedule resumes within the window.
    public static let catchUpWindow: TimeInterval = 7 * 86_400

    /// An agenda starting at `now`: sources are looked for at once, each schedule of `plan` is next due at its
    /// first time after `now`.
    public init(plan: DigestPlan, now: Date, idleCap: TimeInterval) {
        digests = DigestTimers(plan: plan, after: now)
        schedules = digests.all
        self.idleCap = idleCap
        self.lastSeen = now
        self.nextSourceDue = now
        self.nextPrune = now
    }

    /// The earliest due time of a digest, for a status line.
    public var nextDigest: Date? { digests.nextDue }

    /// What to do at `now`, in order: the due digests first, so they never wait behind a crawl; then a crawl
    /// pass, if sources are due and none runs; then retention, beside the pass. Nothing while paused after
    /// an error.
    public func steps(at now: Date) -> [Step] {
        guard now >= pausedUntil else { return [] }
        var steps = digests.due(at: now).map { Step.writeDigest(schedule: $0.schedule, dueAt: $0.dueAt) }
        if !crawling, let due = nextSourceDue, due <= now {
            steps.append(.crawl)
        }
        if nextPrune <= now { steps.append(.prune) }
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
            if let digest = digests.wake { deadlines.append(digest) }
            if !crawling, let due = nextSourceDue { deadlines.append(due) }
            deadlines.append(nextPrune)
        }
        return max(now, deadlines.min() ?? now)
    }

    /// The loop looked at the clock: when it went back (a correction, a restored snapshot), deadlines
    /// computed from the later time are brought back within reach.
    public mutating func observe(_ now: Date) {
        if now < lastSeen {
            digests.rewind(to: now, hold: idleCap)
            pausedUntil = min(pausedUntil, now.addingTimeInterval(Self.pauseAfterError))
            nextPrune = min(nextPrune, now.addingTimeInterval(Self.pruneInterval))
        }
        lastSeen = now
    }

    /// `schedule`'s due digests are written, here or by another daemon: it is next due at its next time
    /// after the period just written, so that periods missed during a pause are written one by one, within
    /// ``catchUpWindow``.
    public mutating func digestWritten(_ schedule: DigestSchedule, at now: Date) {
        digests.handled(schedule, now: now, oldest: now.addingTimeInterval(-Self.catchUpWindow))
    }

    /// Another daemon holds `schedule`'s due period until `until`: ask again then, in case it died.
    public mutating func digestHeld(_ schedule: DigestSchedule, until: Date) {
        digests.held(schedule, until: until)
    }

    /// A step failed on storage or the file system: wait before trying again.
    public mutating func failed(at now: Date) {
        pausedUntil = now.addingTimeInterval(Self.pauseAfterError)
    }

    /// How often retention runs once it is done: once a day.
    public static let pruneInterval: TimeInterval = 86_400

    /// A retention pass ended: `next` is when the next one runs.
    public mutating func pruned(next: Date) {
        nextPrune = next
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

    /// A new configuration is in force: with other schedules, each is next due at its first time after
    /// `now`; with the same, a digest already due stays due. Other daemons' holds are asked about again,
    /// and sources are looked for at once (the new configuration may list more).
    public mutating func reloaded(plan: DigestPlan, at now: Date) {
        let new = plan.entries.map(\.schedule)
        if new != schedules {
            digests = DigestTimers(plan: plan, after: now)
            schedules = new
        } else {
            for schedule in schedules { digests.held(schedule, until: .distantPast) }
        }
        nextSourceDue = min(nextSourceDue ?? now, now)
    }
}
