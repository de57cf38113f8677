import Foundation

/// The stretch of calendar a digest is named after, as its folder is: a day (`2026-11-27`, the local date in
/// the digest time zone) or an ISO 8601 week (`2026-W48`, Monday to Sunday).
///
/// Periods are compared as dates: the text is parsed once, strictly (a four-digit year from 0001, a month and
/// a day that exist in the Gregorian calendar, a week that exists in its ISO year), so that anything else is
/// refused rather than ordered. Periods are ordered by their first day, and a week before the day it starts
/// on, so that `period <= today` holds for exactly the periods that have begun by `today`.
public struct DigestPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How long a period lasts, which is also which schedule writes it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One local day: the daily schedule's periods.
        case day
        /// One ISO week, Monday to Sunday: the weekly schedule's periods.
        case week
    }

    /// Day or week.
    public let kind: Kind
    /// The first day, in days since 1970-01-01 (negative before).
    public let firstDayNumber: Int

    /// The year of the first day, 1–9999.
    public var year: Int { Self.civil(firstDayNumber).year }
    /// The month of the first day, 1–12.
    public var month: Int { Self.civil(firstDayNumber).month }
    /// The day of the month of the first day, 1–31.
    public var day: Int { Self.civil(firstDayNumber).day }

    /// Parses `YYYY-MM-DD` or `YYYY-Www`; nil unless the text is exactly one of those shapes and names a day
    /// or an ISO week that exists.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10]) {
            self.init(year: year, month: month, day: day)
        } else if bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
                  let year = Self.number(bytes[0..<4]), let week = Self.number(bytes[6..<8]) {
            self.init(isoYear: year, week: week)
        } else {
            return nil
        }
    }

    /// The day with these numbers; nil unless it exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else {
            return nil
        }
        self.kind = .day
        self.firstDayNumber = Self.dayNumber(year: year, month: month, day: day)
    }

    /// The ISO week `week` of `isoYear` (the year its Thursday falls in); nil unless it exists (week 53 only in
    /// years that have one) and lies within years 1–9999.
    public init?(isoYear: Int, week: Int) {
        guard (1...9999).contains(isoYear), (1...Self.weeks(inISOYear: isoYear)).contains(week) else { return nil }
        let monday = Self.mondayOfWeekOne(isoYear) + (week - 1) * 7
        guard Self.civil(monday).year >= 1, Self.civil(monday + 6).year <= 9999 else { return nil }
        self.kind = .week
        self.firstDayNumber = monday
    }

    private init(kind: Kind, firstDayNumber: Int) {
        self.kind = kind
        self.firstDayNumber = firstDayNumber
    }

    /// The local date of `date` in `timeZone`.
    public init(of date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        // The calendar only returns days that exist; the fallback is never reached for dates veilleur handles.
        self = DigestPeriod(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? DigestPeriod(year: 1970, month: 1, day: 1)!
    }

    /// The period of `kind` that holds the local date of `date` in `timeZone`.
    public init(of date: Date, in timeZone: TimeZone, kind: Kind) {
        let day = DigestPeriod(of: date, in: timeZone)
        self = kind == .day ? day : day.week
    }

    /// The ISO week this period's first day falls in.
    public var week: DigestPeriod {
        // 1970-01-01 was a Thursday: day numbers 4 days on are multiples of 7 on Mondays.
        let monday = firstDayNumber - Self.floorMod(firstDayNumber + 3, 7)
        return DigestPeriod(kind: .week, firstDayNumber: monday)
    }

    /// How many days the period lasts: 1 or 7.
    public var dayCount: Int { kind == .day ? 1 : 7 }

    /// The period of the same kind `count` periods later (earlier when negative); nil past years 1–9999.
    public func advanced(by count: Int) -> DigestPeriod? {
        let first = firstDayNumber + count * dayCount
        guard Self.civil(first).year >= 1, Self.civil(first + dayCount - 1).year <= 9999 else { return nil }
        return DigestPeriod(kind: kind, firstDayNumber: first)
    }

    /// The local day `offset` days after the first day (0: the first day itself), as a day period.
    public func day(at offset: Int) -> DigestPeriod {
        DigestPeriod(kind: .day, firstDayNumber: firstDayNumber + offset)
    }

    /// From local midnight on the first day to local midnight after the last, in `timeZone`: 24 hours but for
    /// the days clocks change (23 or 25), 168 hours for a week but for the weeks they change.
    public func interval(in timeZone: TimeZone) -> DateInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func midnight(_ number: Int) -> Date {
            let (year, month, day) = Self.civil(number)
            // A midnight that does not exist (a zone that changes its clocks at 00:00) is moved forward by the calendar.
            return calendar.date(from: DateComponents(year: year, month: month, day: day))
                ?? Date(timeIntervalSince1970: TimeInterval(number) * 86_400)
        }
        return DateInterval(start: midnight(firstDayNumber), end: midnight(firstDayNumber + dayCount))
    }

    /// `YYYY-MM-DD` for a day, `YYYY-Www` for a week.
    public var description: String {
        switch kind {
        case .day:
            let (year, month, day) = Self.civil(firstDayNumber)
            return String(format: "%04d-%02d-%02d", year, month, day)
        case .week:
            // The ISO year is the year of the week's Thursday.
            let thursday = firstDayNumber + 3
            let isoYear = Self.civil(thursday).year
            let week = (thursday - Self.dayNumber(year: isoYear, month: 1, day: 1)) / 7 + 1
            return String(format: "%04d-W%02d", isoYear, week)
        }
    }

    public static func < (a: DigestPeriod, b: DigestPeriod) -> Bool {
        if a.firstDayNumber != b.firstDayNumber { return a.firstDayNumber < b.firstDayNumber }
        return a.dayCount > b.dayCount
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The Monday of ISO week 1 of `isoYear`: the week that holds 4 January.
    private static func mondayOfWeekOne(_ isoYear: Int) -> Int {
        let january4 = dayNumber(year: isoYear, month: 1, day: 4)
        return january4 - floorMod(january4 + 3, 7)
    }

    /// 53 when the ISO year starts on a Thursday, or on a Wednesday in a leap year; 52 otherwise.
    private static func weeks(inISOYear isoYear: Int) -> Int {
        (mondayOfWeekOne(isoYear + 1) - mondayOfWeekOne(isoYear)) / 7
    }

    private static func floorMod(_ value: Int, _ modulus: Int) -> Int {
        ((value % modulus) + modulus) % modulus
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the era arithmetic of "days from civil").
    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number, the inverse of ``dayNumber(year:month:day:)``.
    private static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
