import Foundation

/// ISO 8601 UTC timestamps as `Date.formatted(.iso8601)` writes them (`2026-11-25T09:10:00Z`), written
/// straight into bytes: `parse --jsonl` writes two per item, and the formatter cost more than the rest of
/// the line. Whole seconds from 1970 to 9999 are computed here, where the Gregorian calendar is all there
/// is to it; any other instant is left to Foundation.
enum ISOTimestamp {
    /// Seconds from 1970 to 10000-01-01T00:00:00Z.
    private static let end: Double = 253_402_300_800
    /// Days in 400 Gregorian years, which repeat exactly.
    private static let daysPerEra = 146_097

    static func write(_ date: Date, to out: inout [UInt8]) {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < end, interval == interval.rounded(.down) else {
            out.append(contentsOf: date.formatted(.iso8601).utf8)
            return
        }
        let (days, secondOfDay) = Int(interval).quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        append(year, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// Year, month and day of a day counted from 1970-01-01, for days from then on. Years are counted from
    /// March, so that the leap day ends its year: each 400-year era starts on 0000-03-01 of its own count.
    private static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        // 1970-01-01 is day 719,468 after 0000-03-01.
        let sinceEpochOfEras = days + 719_468
        let era = sinceEpochOfEras / daysPerEra
        let dayOfEra = sinceEpochOfEras - era * daysPerEra
        // Years of 365 days, less the leap days the era has had before this one (every 4th year but the
        // 100th, the 400th excepted: the era's last day).
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        // Months from March have 31, 30, 31, 30, 31 days in a repeating five-month span of 153 days.
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func append(_ value: Int, digits: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
