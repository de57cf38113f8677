import Foundation
import Model
import Yams

/// Reads a profile's `digest`: `daily: "HH:MM"`, `weekly: {day, time}` or both, and an optional `timezone`.
/// Days are named in French or English (`lundi` or `monday`), in any case.
enum DigestTimesReader {
    static let keys = ["daily", "weekly", "timezone"]
    /// ISO 8601 day numbers by name, Monday first.
    private static let weekdays: [String: Int] = [
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    /// The schedule the `digest` mapping's `fields` give; nil when they name none (a mapping holding only
    /// other keys, such as `layout`) or one is wrong, which is reported.
    static func read(_ fields: Fields, at node: Node, with reader: inout YAMLReader) -> DigestTimes? {
        guard keys.contains(where: { fields[$0] != nil }) else { return nil }
        var times = DigestTimes()
        var valid = true
        if let node = fields["daily"] {
            times.daily = time(node, with: &reader)
            valid = valid && times.daily != nil
        }
        if let node = fields["weekly"] {
            times.weekly = weekly(node, with: &reader)
            valid = valid && times.weekly != nil
        }
        if let node = fields["timezone"], let identifier = reader.string(node) {
            if TimeZone(identifier: identifier) != nil {
                times.timeZone = identifier
            } else {
                reader.report("unknown time zone '\(identifier)'; expected an IANA identifier such as 'Europe/Paris' or 'UTC'", at: node)
                valid = false
            }
        }
        if fields["daily"] == nil && fields["weekly"] == nil {
            reader.report("digest needs daily, weekly or both, such as daily: \"07:00\" or weekly: {day: lundi, time: \"08:00\"}", at: node)
            return nil
        }
        return valid ? times : nil
    }

    /// `HH:MM`, 00:00 to 23:59; the hour may have one digit.
    static func clockTime(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    private static func time(_ node: Node, with reader: inout YAMLReader) -> DigestTimes.TimeOfDay? {
        guard let text = reader.string(node) else { return nil }
        guard let (hour, minute) = clockTime(text) else {
            reader.report("expected a time of day as 'HH:MM' (00:00 to 23:59), found '\(text)'", at: node)
            return nil
        }
        return DigestTimes.TimeOfDay(hour: hour, minute: minute)
    }

    private static func weekly(_ node: Node, with reader: inout YAMLReader) -> DigestTimes.Weekly? {
        guard let fields = reader.fields(of: node, allowed: ["day", "time"], what: "a weekly mapping (day, time)") else { return nil }
        var weekday: Int?
        if let dayNode = reader.require("day", in: fields), let text = reader.string(dayNode) {
            weekday = weekdays[text.trimmingCharacters(in: .whitespaces).lowercased()]
            if weekday == nil {
                reader.report(
                    "unknown day '\(text)'; expected lundi…dimanche or monday…sunday", at: dayNode)
            }
        }
        let time = reader.require("time", in: fields).flatMap { self.time($0, with: &reader) }
        guard let weekday, let time else { return nil }
        return DigestTimes.Weekly(weekday: weekday, time: time)
    }
}
