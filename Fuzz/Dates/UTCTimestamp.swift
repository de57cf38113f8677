import Foundation

/// Prints an instant as `YYYY-MM-DDTHH:MM:SS.fffZ` with Foundation's Gregorian calendar, for years after
/// its Julian cut-over (1582) and with four digits; nil outside them.
enum UTCTimestamp {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func format(_ date: Date) -> String? {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        guard let year = c.year, (1600...9999).contains(year), let month = c.month, let day = c.day,
              let hour = c.hour, let minute = c.minute, let second = c.second, let nanosecond = c.nanosecond
        else { return nil }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            + ".\(pad(nanosecond / 1_000_000, 3))Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
