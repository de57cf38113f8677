import Foundation

/// Reads the IMF-fixdate, the only date form servers are allowed to send (`Sun, 06 Nov 1994 08:49:37 GMT`).
enum HTTPDate {
    /// The instant `value` names, or nil when it is not an IMF-fixdate.
    static func parse(_ value: String) -> Date? {
        formatter.date(from: value.trimmingCharacters(in: .whitespaces))
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()
}
