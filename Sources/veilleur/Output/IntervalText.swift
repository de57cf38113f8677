import Foundation

/// An interval as a person reads it in a table: its two largest units (`5m`, `1h30m`, `1d6h`).
enum IntervalText {
    static func compact(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "0s" }
        let units: [(String, Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        var rest = Int(seconds.rounded())
        var parts: [String] = []
        for (name, size) in units where rest >= size || !parts.isEmpty {
            let count = rest / size
            rest %= size
            if count > 0 { parts.append("\(count)\(name)") }
            if parts.count == 2 || (!parts.isEmpty && count == 0) { break }
        }
        return parts.joined()
    }
}
