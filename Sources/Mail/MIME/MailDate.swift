import Foundation

/// The `Date` header's format (RFC 5322 §3.3): `Sun, 06 Dec 2026 08:00:00 +0100`, in English whatever the locale.
public enum MailDate {
    /// `date` as seen in `timeZone`, with that zone's offset.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss xx"
        return formatter.string(from: date)
    }
}
