import Foundation
import Model

/// When daily digests are due: a local time of day in a time zone (default 07:00 Europe/Paris).
///
/// A digest is named after the local date of the moment it is due (its period), so the digest
/// written at 07:00 on 27 November is the one of `2026-11-27`, and holds everything matched since the previous one.
public struct DigestSchedule: Sendable, Equatable {
    /// Hour of day, 0–23, in `timeZone`.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int
    /// The zone the time of day is read in.
    public var timeZone: TimeZone

    public init(hour: Int = 7, minute: Int = 0, timeZone: TimeZone) {
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The latest due time at or before `date`.
    public func lastRun(atOrBefore date: Date) -> Date {
        let today = run(onDayOf: date)
        if today <= date { return today }
        let yesterday = calendar.date(byAdding: .day, value: -1, to: date) ?? date.addingTimeInterval(-86_400)
        return run(onDayOf: yesterday)
    }

    /// The first due time strictly after `date`.
    public func nextRun(after date: Date) -> Date {
        let today = run(onDayOf: date)
        if today > date { return today }
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: date) ?? date.addingTimeInterval(86_400)
        return run(onDayOf: tomorrow)
    }

    /// The period name (`YYYY-MM-DD`, local date) of a digest due at `date`.
    public func period(of date: Date) -> String {
        Self.period(of: date, in: timeZone)
    }

    /// The local day of `date` in the schedule's time zone, to compare with other periods.
    public func day(of date: Date) -> DigestPeriod {
        DigestPeriod(of: date, in: timeZone)
    }

    /// The local date of `date` in `timeZone`, as `YYYY-MM-DD`.
    public static func period(of date: Date, in timeZone: TimeZone) -> String {
        DigestPeriod(of: date, in: timeZone).description
    }

    /// The due time on the local day that contains `date`. On a day where the time of day does not exist
    /// (a spring-forward gap) the calendar moves it to the next valid instant.
    private func run(onDayOf date: Date) -> Date {
        var parts = calendar.dateComponents([.year, .month, .day], from: date)
        parts.hour = hour
        parts.minute = minute
        parts.second = 0
        return calendar.date(from: parts) ?? date
    }
}
