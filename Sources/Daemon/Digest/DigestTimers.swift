import Foundation
import Scheduling

/// When each digest schedule of a plan is next due, and until when another daemon holds its current period:
/// the daemon loop's view of its digest work, kept apart from I/O so that it is a plain value.
struct DigestTimers {
    private let schedules: [DigestSchedule]
    private var next: [DigestSchedule: Date] = [:]
    private var heldUntil: [DigestSchedule: Date] = [:]

    /// Each schedule of `plan` next due after `date`.
    init(plan: DigestPlan, after date: Date) {
        schedules = plan.entries.map(\.schedule)
        for schedule in schedules { next[schedule] = schedule.nextRun(after: date) }
    }

    /// The schedules due at `now` that no other daemon holds, in the plan's order, each with its due time.
    func due(at now: Date) -> [(schedule: DigestSchedule, dueAt: Date)] {
        schedules.compactMap { schedule in
            guard let dueAt = next[schedule], dueAt <= now, heldUntil[schedule].map({ $0 <= now }) ?? true else { return nil }
            return (schedule, dueAt)
        }
    }

    /// `schedule`'s period is written (here or elsewhere): it is next due after `now`.
    mutating func handled(_ schedule: DigestSchedule, now: Date) {
        next[schedule] = schedule.nextRun(after: now)
        heldUntil[schedule] = nil
    }

    /// Another daemon writes `schedule`'s period until `until`: asked again then, in case it died.
    mutating func held(_ schedule: DigestSchedule, until: Date) {
        heldUntil[schedule] = until
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
