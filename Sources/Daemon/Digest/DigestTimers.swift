import Foundation
import Scheduling

/// When each digest schedule of a plan is next due, and until when another daemon holds its current period:
/// the agenda's view of the digest work, kept apart from I/O so that it is a plain value.
struct DigestTimers: Sendable {
    private let schedules: [DigestSchedule]
    private var next: [DigestSchedule: Date] = [:]
    private var heldUntil: [DigestSchedule: Date] = [:]

    /// Each schedule of `plan` next due after `date`.
    init(plan: DigestPlan, after date: Date) {
        schedules = plan.entries.map(\.schedule)
        for schedule in schedules { next[schedule] = schedule.nextRun(after: date) }
    }

    /// The schedules, in the plan's order.
    var all: [DigestSchedule] { schedules }

    /// The schedules due at `now` that no other daemon holds, in the plan's order, each with its due time.
    func due(at now: Date) -> [(schedule: DigestSchedule, dueAt: Date)] {
        schedules.compactMap { schedule in
            guard let dueAt = next[schedule], dueAt <= now, heldUntil[schedule].map({ $0 <= now }) ?? true else { return nil }
            return (schedule, dueAt)
        }
    }

    /// `schedule`'s period is written (here or elsewhere): it is next due at the schedule's next time after
    /// that period, so a period missed during a pause is written too, as long as it is due after `oldest`.
    mutating func handled(_ schedule: DigestSchedule, now: Date, oldest: Date) {
        let after = next[schedule].map { schedule.nextRun(after: $0) } ?? schedule.nextRun(after: now)
        next[schedule] = max(after, schedule.nextRun(after: oldest))
        heldUntil[schedule] = nil
    }

    /// Another daemon writes `schedule`'s period until `until`: asked again then, in case it died.
    mutating func held(_ schedule: DigestSchedule, until: Date) {
        heldUntil[schedule] = until
    }

    /// The clock went back to `now`: no schedule waits past its next due time after it, and no hold
    /// lasts longer than `hold` from it.
    mutating func rewind(to now: Date, hold: TimeInterval) {
        for schedule in schedules {
            next[schedule] = min(next[schedule] ?? .distantFuture, schedule.nextRun(after: now))
            if let until = heldUntil[schedule] { heldUntil[schedule] = min(until, now.addingTimeInterval(hold)) }
        }
    }

    /// When the loop must wake for a digest next; nil without any schedule.
    var wake: Date? {
        schedules.compactMap { schedule in next[schedule].map { max($0, heldUntil[schedule] ?? .distantPast) } }.min()
    }

    /// The earliest due time, for a status line.
    var nextDue: Date? {
        next.values.min()
    }
}
