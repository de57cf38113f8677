import Foundation
import Model
import Scheduling
import Testing

@Suite struct DigestScheduleTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    var schedule: DigestSchedule { DigestSchedule(hour: 7, minute: 0, timeZone: paris) }

    /// 2026-11-26 05:30 UTC is 06:30 in Paris (UTC+1 in winter).
    let beforeSeven = Date(timeIntervalSince1970: 1_795_671_000)

    @Test func theNextRunIsSevenParisTimeTheSameDayWhenEarlier() {
        let next = schedule.nextRun(after: beforeSeven)
        #expect(next.timeIntervalSince1970 == 1_795_672_800)  // 2026-11-26 06:00 UTC
        #expect(schedule.period(of: next) == "2026-11-26")
    }

    @Test func theLastRunBeforeSevenIsYesterdays() {
        let last = schedule.lastRun(atOrBefore: beforeSeven)
        #expect(last.timeIntervalSince1970 == 1_795_672_800 - 86_400)
        #expect(schedule.period(of: last) == "2026-11-25")
    }

    @Test func aRunExactlyAtTheDueTimeIsTheLastRunNotTheNext() {
        let due = Date(timeIntervalSince1970: 1_795_672_800)
        #expect(schedule.lastRun(atOrBefore: due) == due)
        #expect(schedule.nextRun(after: due).timeIntervalSince(due) == 86_400)
    }

    @Test func summerTimeShiftsTheUTCInstant() {
        // 2026-07-01 00:00 UTC; 07:00 in Paris is 05:00 UTC in summer.
        let summer = Date(timeIntervalSince1970: 1_782_864_000)
        #expect(schedule.nextRun(after: summer).timeIntervalSince1970 == 1_782_864_000 + 5 * 3600)
    }

    @Test func thePeriodIsTheLocalDateNotTheUTCDate() {
        // 2026-11-26 23:30 UTC is already 27 November in Paris.
        let lateUTC = Date(timeIntervalSince1970: 1_795_735_800)
        #expect(DigestSchedule.period(of: lateUTC, in: paris) == "2026-11-27")
    }

    /// Weekly on Monday at 08:00 in Paris.
    var weekly: DigestSchedule { DigestSchedule(hour: 8, minute: 0, weekday: 1, timeZone: paris) }

    @Test("A weekly digest is due on its day and named after the ISO week of that day")
    func weeklyDueTimes() {
        // Monday 23 November 2026, 08:00 in Paris.
        let due = Date(timeIntervalSince1970: 1_795_417_200)
        #expect(weekly.nextRun(after: due.addingTimeInterval(-1)) == due)
        #expect(weekly.lastRun(atOrBefore: due) == due)
        #expect(weekly.lastRun(atOrBefore: due.addingTimeInterval(-1)) == due.addingTimeInterval(-7 * 86_400))
        #expect(weekly.nextRun(after: due) == due.addingTimeInterval(7 * 86_400))
        #expect(weekly.period(of: due) == "2026-W48")
        #expect(weekly.dueTime(of: DigestPeriod("2026-W48")!) == due)
        #expect(weekly.description == "weekly monday 08:00 Europe/Paris")
    }

    @Test("A weekly due time keeps its local time when the clocks go back within the week")
    func weeklyOverAutumnChange() {
        // Monday 19 October 2026 08:00 CEST (06:00 UTC), then Monday 26 October 08:00 CET (07:00 UTC).
        let w43 = Date(timeIntervalSince1970: 1_792_389_600), w44 = Date(timeIntervalSince1970: 1_792_998_000)
        #expect(weekly.nextRun(after: w43) == w44)
        #expect(w44.timeIntervalSince(w43) == 169 * 3600)
        #expect(weekly.lastRun(atOrBefore: w44.addingTimeInterval(-1)) == w43)
    }

    @Test("A weekly time inside the spring-forward gap is moved later on that day, and stays in its week")
    func weeklyInsideTheGap() throws {
        // Sunday 02:30 does not exist in Paris on 29 March 2026: clocks go from 02:00 to 03:00 (01:00 UTC).
        let sunday = DigestSchedule(hour: 2, minute: 30, weekday: 7, timeZone: paris)
        let due = sunday.dueTime(of: try #require(DigestPeriod("2026-W13")))
        #expect(due.timeIntervalSince1970 >= 1_774_746_000 && due.timeIntervalSince1970 <= 1_774_747_800)
        #expect(sunday.period(of: due) == "2026-W13")
        #expect(sunday.nextRun(after: due.addingTimeInterval(-1)) == due)
    }

    @Test("Missed periods are listed oldest first, after the last written and up to the last due, newest kept")
    func missedPeriods() throws {
        // Thursday 26 November 2026, 06:30 in Paris: today's 07:00 digest is not due yet.
        let last = try #require(DigestPeriod("2026-11-17"))
        #expect(schedule.periods(after: last, dueBy: beforeSeven, limit: 31).map(\.description) == (18...25).map { "2026-11-\($0)" })
        #expect(schedule.periods(after: last, dueBy: beforeSeven, limit: 3).map(\.description) == ["2026-11-23", "2026-11-24", "2026-11-25"])
        #expect(schedule.periods(after: try #require(DigestPeriod("2026-11-25")), dueBy: beforeSeven, limit: 31).isEmpty)
        #expect(weekly.periods(after: try #require(DigestPeriod("2026-W45")), dueBy: beforeSeven, limit: 31).map(\.description) == ["2026-W46", "2026-W47", "2026-W48"])
        #expect(weekly.periods(after: last, dueBy: beforeSeven, limit: 31).isEmpty, "a day is not a week")
    }

    @Test("A profile's schedules: its own daily and weekly times in its zone, or veilleur.yaml's daily time")
    func profileSchedules() {
        let standard = schedule
        let plain = Profile(id: "p", kind: .cluster, topics: [])
        #expect(DigestSchedule.schedules(of: plain, standard: standard) == [standard])
        var both = plain
        both.digestTimes = DigestTimes(
            daily: .init(hour: 6, minute: 0), weekly: .init(weekday: 5, time: .init(hour: 17, minute: 30)), timeZone: "America/Montreal")
        let montreal = TimeZone(identifier: "America/Montreal")!
        #expect(DigestSchedule.schedules(of: both, standard: standard) == [
            DigestSchedule(hour: 6, minute: 0, timeZone: montreal), DigestSchedule(hour: 17, minute: 30, weekday: 5, timeZone: montreal),
        ])
        var weeklyOnly = plain
        weeklyOnly.digestTimes = DigestTimes(weekly: .init(weekday: 1, time: .init(hour: 8, minute: 0)))
        #expect(DigestSchedule.schedules(of: weeklyOnly, standard: standard) == [weekly])
    }

    @Test("Profiles sharing a schedule are one plan entry; only veilleur.yaml's schedule leases the bare period")
    func plan() throws {
        var weeklyProfile = Profile(id: "hebdo", kind: .cluster, topics: [])
        weeklyProfile.digestTimes = DigestTimes(daily: .init(hour: 7, minute: 0), weekly: .init(weekday: 1, time: .init(hour: 8, minute: 0)))
        let plan = DigestPlan(profiles: [Profile(id: "quotidien", kind: .cluster, topics: []), weeklyProfile], standard: schedule)
        #expect(plan.entries == [
            DigestPlan.Entry(schedule: schedule, profiles: ["quotidien", "hebdo"]), DigestPlan.Entry(schedule: weekly, profiles: ["hebdo"]),
        ])
        let day = try #require(DigestPeriod("2026-11-23")), week = try #require(DigestPeriod("2026-W48"))
        #expect(plan.leaseName(of: "hebdo", period: day) == "2026-11-23")
        #expect(plan.leaseName(of: "hebdo", period: week) == "2026-W48 weekly monday 08:00 Europe/Paris")
        #expect(plan.leaseName(of: "quotidien", period: week) == "2026-W48", "a profile without that schedule any more")
    }
}
