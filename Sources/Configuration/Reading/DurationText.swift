import Foundation

/// Reads the durations of configuration files: "500ms", "90s", "15m", "1h", "1d", "2w", "2y" (365 days each),
/// or a plain number of seconds.
enum DurationText {
    /// Seconds, or `nil` when the text is not a duration.
    static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        if trimmed.hasSuffix("ms") {
            guard let value = Double(trimmed.dropLast(2).trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
            return value / 1000
        }
        let multipliers: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800, "y": 31_536_000]
        if let multiplier = multipliers[unit] {
            let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { return nil }
            return value * multiplier
        }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
