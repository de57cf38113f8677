import Foundation

/// An RFC 3339 `date-time` read strictly (`2003-06-03T09:39:21.5+02:00`), its instant computed with
/// Foundation's calendar: the reference the hand-written parser is compared with.
struct StrictTimestamp {
    var year, month, day, hour, minute, second: Int
    var fraction: Double
    var offsetSeconds: Int

    /// Nil unless `text` has exactly that shape, with a year Foundation's calendar counts like ours (1600 on)
    /// and no leap second (which the parser folds onto :59).
    init?(_ text: String) {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for byte in b[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func at(_ index: Int, _ char: Character) -> Bool { index < b.count && b[index] == char.asciiValue! }
        guard let year = digits(0, 4), at(4, "-"), let month = digits(5, 2), at(7, "-"), let day = digits(8, 2),
              at(10, "T"), let hour = digits(11, 2), at(13, ":"), let minute = digits(14, 2), at(16, ":"),
              let second = digits(17, 2), year >= 1600, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if at(index, ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, (0x30...0x39).contains(b[index]) {
                fraction += Double(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if at(index, "Z") {
            index += 1
        } else if at(index, "+") || at(index, "-") {
            guard let hh = digits(index + 1, 2), at(index + 3, ":"), let mm = digits(index + 4, 2), hh <= 14, mm < 60
            else { return nil }
            offset = (hh * 3600 + mm * 60) * (at(index, "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        self.fraction = fraction
        self.offsetSeconds = offset
    }

    /// The instant, or nil when the calendar has no such day or time (it would roll 31 June over to 1 July).
    var instant: Date? {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let local = UTCTimestamp.calendar.date(from: components) else { return nil }
        let back = UTCTimestamp.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute,
              back.second == second
        else { return nil }
        return local.addingTimeInterval(fraction - Double(offsetSeconds))
    }
}
