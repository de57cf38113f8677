import Foundation
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
}
