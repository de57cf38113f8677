import Foundation
import Model
import Testing

@Suite("Digest periods")
struct DigestPeriodTests {
    @Test("A period is a day that exists, written YYYY-MM-DD", arguments: [
        ("2026-11-26", true), ("2024-02-29", true), ("2000-02-29", true), ("9999-12-31", true),
        ("2026-02-29", false), ("1900-02-29", false), ("2026-11-31", false), ("2026-13-01", false), ("0000-01-01", false),
        ("2026-1-26", false), ("2026-11-26 ", false), ("2026/11/26", false), ("+026-11-26", false), ("２０２６-11-26", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((DigestPeriod(text) != nil) == valid)
        #expect(DigestPeriod(text).map(\.description) == (valid ? text : nil))
    }

    @Test("Periods compare as dates")
    func ordering() throws {
        let days = try ["2026-11-26", "9999-12-31", "2026-02-01", "2027-01-01", "2026-11-03"].map { try #require(DigestPeriod($0)) }
        #expect(days.sorted().map(\.description) == ["2026-02-01", "2026-11-03", "2026-11-26", "2027-01-01", "9999-12-31"])
    }

    @Test("The period of an instant is its local date in the time zone")
    func localDate() {
        // 2026-11-26 23:30 UTC is already 27 November in Paris.
        let lateUTC = Date(timeIntervalSince1970: 1_795_735_800)
        #expect(DigestPeriod(of: lateUTC, in: TimeZone(identifier: "Europe/Paris")!).description == "2026-11-27")
        #expect(DigestPeriod(of: lateUTC, in: TimeZone(identifier: "UTC")!).description == "2026-11-26")
    }

    @Test("A week is an ISO week that exists, written YYYY-Www", arguments: [
        ("2026-W48", true), ("2026-W01", true), ("2026-W53", true), ("2020-W53", true), ("2015-W53", true), ("9999-W51", true), ("0001-W01", true),
        ("2025-W53", false), ("2021-W53", false), ("2026-W00", false), ("2026-W54", false), ("2026-w48", false), ("2026-W4", false),
        ("2026W48", false), ("9999-W52", false), ("2026-W48 ", false), ("2026-W-8", false), ("0000-W10", false), ("2026-48", false), ("2026-W４8", false),
    ])
    func parsingWeeks(text: String, valid: Bool) {
        #expect((DigestPeriod(text) != nil) == valid)
        #expect(DigestPeriod(text).map(\.description) == (valid ? text : nil))
        #expect(DigestPeriod(text).map(\.kind) == (valid ? .week : nil))
    }

    @Test("The week of a day is its ISO week, whose year may be the next or the previous one", arguments: [
        ("2026-11-27", "2026-W48"), ("2026-11-23", "2026-W48"), ("2026-11-29", "2026-W48"), ("2026-11-30", "2026-W49"),
        ("2027-01-01", "2026-W53"), ("2024-12-30", "2025-W01"), ("2021-01-03", "2020-W53"), ("2026-12-28", "2026-W53"),
    ])
    func weekOfADay(day: String, week: String) throws {
        let period = try #require(DigestPeriod(day))
        #expect(period.week.description == week)
        #expect(DigestPeriod(week)?.week == DigestPeriod(week), "a week is its own week")
    }

    @Test("A week begins on its Monday and orders before that day, after the days before it")
    func weeksAndDaysInOrder() throws {
        let periods = try ["2026-11-24", "2026-W48", "2026-11-22", "2026-11-23", "2026-W47", "2026-W49"].map { try #require(DigestPeriod($0)) }
        #expect(periods.sorted().map(\.description) == ["2026-W47", "2026-11-22", "2026-W48", "2026-11-23", "2026-11-24", "2026-W49"])
        let week = try #require(DigestPeriod("2026-W48"))
        #expect(week.day(at: 0).description == "2026-11-23")
        #expect(week.day(at: 6).description == "2026-11-29")
        #expect(week <= DigestPeriod("2026-11-23")!, "a week has begun on its Monday")
        #expect(!(week <= DigestPeriod("2026-11-22")!))
    }

    @Test("Periods step by their own length, across years, and stop at the calendar's ends")
    func advancing() throws {
        #expect(DigestPeriod("2026-W53")?.advanced(by: 1)?.description == "2027-W01")
        #expect(DigestPeriod("2026-W01")?.advanced(by: -1)?.description == "2025-W52")
        #expect(DigestPeriod("2024-02-28")?.advanced(by: 1)?.description == "2024-02-29")
        #expect(DigestPeriod("2026-12-31")?.advanced(by: 9)?.description == "2027-01-09")
        #expect(DigestPeriod("9999-12-31")?.advanced(by: 1) == nil)
        #expect(DigestPeriod("9999-W51")?.advanced(by: 1) == nil, "week 52 of 9999 ends in 10000")
    }

    @Test("A period's time range runs from local midnight to local midnight, over the clock changes", arguments: [
        ("2026-W48", 168.0), ("2026-W13", 167.0), ("2026-W43", 169.0), ("2026-03-29", 23.0), ("2026-10-25", 25.0), ("2026-11-27", 24.0),
    ])
    func timeRanges(period: String, hours: Double) throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let range = try #require(DigestPeriod(period)).interval(in: paris)
        #expect(range.duration == hours * 3600)
        #expect(DigestPeriod(of: range.start, in: paris, kind: DigestPeriod(period)!.kind).description == period)
        #expect(DigestPeriod(of: range.end.addingTimeInterval(-1), in: paris, kind: DigestPeriod(period)!.kind).description == period)
    }

    @Test("Week 13 of 2026 starts at midnight in Paris, before the clocks go forward")
    func weekStart() throws {
        let range = try #require(DigestPeriod("2026-W13")).interval(in: TimeZone(identifier: "Europe/Paris")!)
        #expect(range.start.timeIntervalSince1970 == 1_774_220_400)
        #expect(range.end.timeIntervalSince1970 == 1_774_821_600)
    }
}
