import Model

/// A day or week refused for a digest, with what a person needs to choose another.
public enum DigestDayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not `YYYY-MM-DD` or `YYYY-Www`, or no such day or week.
    case notADay(String)
    /// A day or week that has not begun in the digest time zone: its digest would take every pending match and
    /// stay the newest for ever.
    case afterToday(DigestPeriod, today: DigestPeriod, timeZone: String)
    /// A day or week that ended before anything was stored.
    case beforeFirstItem(DigestPeriod, firstDay: DigestPeriod)
    /// Another day than today, or week than this week, while nothing is stored.
    case nothingStored(DigestPeriod, today: DigestPeriod, timeZone: String)
    /// The store could not say when its first item was stored.
    case unreadableStore(String)

    public var description: String {
        switch self {
        case .notADay(let text):
            "'\(text)' is not a day such as 2026-11-26 or a week such as 2026-W48"
        case .afterToday(let day, let today, let timeZone):
            "\(day) is after today (\(today) in \(timeZone)); a digest can be written on its day or later"
        case .beforeFirstItem(let day, let firstDay):
            "\(day) is before the first stored item (\(firstDay)); choose a day from \(firstDay) to today"
        case .nothingStored(let day, let today, let timeZone):
            "\(day): nothing is stored yet, so only today (\(today) in \(timeZone)) can be written"
        case .unreadableStore(let reason):
            "cannot read when the first item was stored: \(reason)"
        }
    }
}
