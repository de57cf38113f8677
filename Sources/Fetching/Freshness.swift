import Foundation

/// Reads how long a response says it stays fresh (RFC 9111 §4.2.1), as a private cache would:
/// `Cache-Control: max-age` first, else `Expires` counted from the response's `Date`.
///
/// The scheduler uses it as a lower bound on a source's interval, so a value a server cannot mean
/// (negative, unreadable, beyond ``longest``) is ignored or capped rather than trusted.
enum Freshness {
    /// Longest lifetime kept: a year. The scheduler caps it again by its own bound.
    static let longest: TimeInterval = 365 * 86_400

    /// The freshness lifetime in seconds, or nil when the response gives none (or asks not to be reused:
    /// `no-cache`, `no-store`).
    /// - Parameters:
    ///   - cacheControl: every `Cache-Control` value of the response, joined by commas.
    ///   - expires: the `Expires` value, if any.
    ///   - date: the `Date` value, if any; `now` stands in when it is absent or unreadable.
    static func lifetime(cacheControl: String?, expires: String?, date: String?, now: Date = Date()) -> TimeInterval? {
        if let cacheControl {
            let directives = Self.directives(cacheControl)
            if directives["no-store"] != nil || directives["no-cache"] != nil { return nil }
            if let maxAge = directives["max-age"] {
                // A max-age present but malformed makes the response stale (RFC 9111 §4.2.1): no bound.
                guard let value = maxAge, !value.isEmpty, value.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
                // Too many digits for an Int is a very long time, not garbage (RFC 9111 §1.2.2).
                let seconds = Int(value).map(TimeInterval.init) ?? longest
                return seconds > 0 ? min(seconds, longest) : nil
            }
        }
        guard let expires, let expiry = HTTPDate.parse(expires) else { return nil }
        let origin = date.flatMap(HTTPDate.parse) ?? now
        let seconds = expiry.timeIntervalSince(origin)
        return seconds > 0 ? min(seconds, longest) : nil
    }

    /// Directive names (lowercased) to their argument, quotes removed; nil for a directive without one.
    private static func directives(_ value: String) -> [String: String?] {
        var found: [String: String?] = [:]
        for part in value.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            let name = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, found[name] == nil else { continue }
            let argument = pieces.count > 1
                ? pieces[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                : nil
            found[name] = .some(argument)
        }
        return found
    }
}
