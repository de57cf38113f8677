import Foundation
import Model

/// When digests of one kind are due: daily at a local time of day, or weekly on a day of the week at a time,
/// in a time zone (default 07:00 daily, Europe/Paris).
///
/// A digest is named after the period that holds the moment it is due, so the daily digest written at 07:00
/// on 27 November is the one of `2026-11-27`, the weekly digest due on Monday 23 November at 08:00 is the
/// one of `2026-W48`, and each holds everything matched since the previous one of its kind. Each period
/// has exactly one due time (``dueTime(of:)``), so periods and due times map one to one.
public struct DigestSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Hour of day, 0–23, in `timeZone`.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int
    /// ISO 8601 day of the week (1 Monday … 7 Sunday) of a weekly schedule; nil for a daily one.
    public var weekday: Int?
    /// The zone the time of day is read in.
    public var timeZone: TimeZone

    public init(hour: Int = 7, minute: Int = 0, weekday: Int? = nil, timeZone: TimeZone) {
        self.hour = hour
        self.minute = minute
        self.weekday = weekday
        self.timeZone = timeZone
    }

    /// The schedules of a profile: those its `digest` key names, in its zone or else `standard`'s, or
    /// `standard` alone when it names none. Daily first.
    public static func schedules(of profile: Profile, standard: DigestSchedule) -> [DigestSchedule] {
        guard let times = profile.digestTimes else { return [standard] }
        let zone = times.timeZone.flatMap(TimeZone.init(identifier:)) ?? standard.timeZone
        var schedules: [DigestSchedule] = []
        if let daily = times.daily {
            schedules.append(DigestSchedule(hour: daily.hour, minute: daily.minute, timeZone: zone))
        }
        if let weekly = times.weekly {
            schedules.append(DigestSchedule(hour: weekly.time.hour, minute: weekly.time.minute, weekday: weekly.weekday, timeZone: zone))
        }
        return schedules
    }

    /// Day or week: the kind of the periods this schedule writes.
    public var kind: DigestPeriod.Kind { weekday == nil ? .day : .week }

    /// `daily 07:00 Europe/Paris`, `weekly monday 08:00 Europe/Paris`.
    public var description: String {
        let time = String(format: "%02d:%02d", hour, minute)
        guard let weekday else { return "daily \(time) \(timeZone.identifier)" }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return "weekly \(names[(weekday - 1) % 7]) \(time) \(timeZone.identifier)"
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The latest due time at or before `date`.
    public func lastRun(atOrBefore date: Date) -> Date {
        let current = digestPeriod(of: date)
        let due = dueTime(of: current)
        if due <= date { return due }
        return current.advanced(by: -1).map(dueTime(of:)) ?? due
    }

    /// The first due time strictly after `date`.
    public func nextRun(after date: Date) -> Date {
        let current = digestPeriod(of: date)
        let due = dueTime(of: current)
        if due > date { return due }
        return current.advanced(by: 1).map(dueTime(of:)) ?? due
    }

    /// The period name (`YYYY-MM-DD` or `YYYY-Www`, local date) of a digest due at `date`.
    public func period(of date: Date) -> String {
        digestPeriod(of: date).description
    }

    /// The period of this schedule's kind that holds `date` in the schedule's time zone.
    public func digestPeriod(of date: Date) -> DigestPeriod {
        DigestPeriod(of: date, in: timeZone, kind: kind)
    }

    /// The local day of `date` in the schedule's time zone, to compare with other periods.
    public func day(of date: Date) -> DigestPeriod {
        DigestPeriod(of: date, in: timeZone)
    }

    /// The due time of `period`'s digest: the time of day on its day, or on the schedule's day of its week.
    /// Where that time does not exist (a spring-forward gap) the calendar moves it to the next valid instant.
    public func dueTime(of period: DigestPeriod) -> Date {
        let day = period.kind == .week ? period.day(at: (weekday ?? 1) - 1) : period
        let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: 0)
        return calendar.date(from: parts) ?? day.interval(in: timeZone).start
    }

    /// The periods after `last` whose due time has passed by `date`, oldest first: at most the newest
    /// `limit` of them.
    public func periods(after last: DigestPeriod, dueBy date: Date, limit: Int) -> [DigestPeriod] {
        let newest = digestPeriod(of: lastRun(atOrBefore: date))
        guard last.kind == kind, last < newest, limit > 0 else { return [] }
        var periods: [DigestPeriod] = []
        var period = newest
        while period > last, periods.count < limit {
            periods.append(period)
            guard let previous = period.advanced(by: -1) else { break }
            period = previous
        }
        return periods.reversed()
    }

    /// The local date of `date` in `timeZone`, as `YYYY-MM-DD`.
    public static func period(of date: Date, in timeZone: TimeZone) -> String {
        DigestPeriod(of: date, in: timeZone).description
    }
}
