/// The rules of one robots.txt (RFC 9309), read once and asked for each URL of its origin.
///
/// Groups are introduced by `user-agent` lines; the groups naming the crawler's product token
/// (case-insensitively) are combined, else those of `*`, else everything is allowed. Among the `allow`
/// and `disallow` rules of the chosen groups, the longest pattern matching the path wins, `allow` on a
/// tie. Patterns know `*` (any run of characters) and a final `$` (end of the path), and are compared to
/// the path after both are brought to one percent-encoding. Only the first ``maxBytes`` bytes and
/// ``maxLines`` lines are read, so a huge or hostile file costs a bounded amount of work.
public struct RobotsTxt: Sendable, Equatable {
    /// How much of a file is read: RFC 9309 asks crawlers to read at least 500 KiB.
    public static let maxBytes = 500 * 1024
    /// Most lines read; 500 KiB of empty lines would otherwise be a quarter of a million.
    public static let maxLines = 50_000

    struct Rule: Equatable {
        let allows: Bool
        /// The pattern, normalised, without its final `$`.
        let pattern: [UInt8]
        /// True when the pattern ended with `$`: it must match the whole path.
        let anchored: Bool
        /// The length that decides precedence: the pattern as written, in octets.
        let length: Int
    }

    struct Group: Equatable {
        var agents: [String] = []
        var rules: [Rule] = []
    }

    private let groups: [Group]

    /// Allows everything: what a missing robots.txt (a 4xx answer) means.
    public static let allowAll = RobotsTxt(groups: [])
    /// Disallows everything: what an unreachable robots.txt (a 5xx answer, a network failure) means.
    public static let disallowAll = RobotsTxt(groups: [Group(agents: ["*"], rules: [Rule(allows: false, pattern: Array("/".utf8), anchored: false, length: 1)])])

    private init(groups: [Group]) {
        self.groups = groups
    }

    /// Reads a robots.txt body; lines that are not understood are skipped, as RFC 9309 asks.
    public init(parsing body: [UInt8]) {
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for line in Self.lines(of: body.prefix(Self.maxBytes)).prefix(Self.maxLines) {
            guard let (key, value) = Self.keyAndValue(line) else { continue }
            switch key {
            case "user-agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group()
                }
                current?.agents.append(Self.productToken(value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty pattern matches nothing; rules before any user-agent line belong to no group.
                guard !value.isEmpty, current != nil else { continue }
                var pattern = Self.normalised(Array(value.utf8))
                let anchored = pattern.last == UInt8(ascii: "$")
                if anchored { pattern.removeLast() }
                current?.rules.append(Rule(allows: key == "allow", pattern: pattern, anchored: anchored, length: value.utf8.count))
            default:
                // Other records (sitemap, crawl-delay…) neither end a group nor belong to one.
                continue
            }
        }
        if let current { groups.append(current) }
        self.groups = groups
    }

    /// Whether the crawler named by `userAgent` (its product token, the part before the first `/`, is what
    /// groups are matched against) may fetch `pathAndQuery` (e.g. `/a/b?c=1`; empty means `/`).
    public func allows(_ pathAndQuery: String, userAgent: String) -> Bool {
        let path = pathAndQuery.isEmpty ? Array("/".utf8) : Self.normalised(Array(pathAndQuery.utf8))
        if path == Array("/robots.txt".utf8) { return true }
        let token = Self.productToken(userAgent)
        var chosen = token.isEmpty || token == "*" ? [] : groups.filter { $0.agents.contains(token) }
        if chosen.isEmpty { chosen = groups.filter { $0.agents.contains("*") } }
        var best: Rule?
        for rule in chosen.lazy.flatMap(\.rules) where Self.matches(rule, path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.length > current.length || (rule.length == current.length && rule.allows && !current.allows) {
                best = rule
            }
        }
        return best?.allows ?? true
    }

    /// The lower-cased product token at the start of a user-agent value: `Veilleur/0.1 (+…)` → `veilleur`.
    static func productToken(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == "*" { return "*" }
        return String(trimmed.prefix { $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }).lowercased()
    }

    private static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
    }

    /// The lower-cased key and the trimmed value of a `key: value` line, comments removed.
    private static func keyAndValue(_ line: ArraySlice<UInt8>) -> (String, String)? {
        let content = line.prefix { $0 != UInt8(ascii: "#") }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = String(decoding: trimmed(content[..<colon]), as: UTF8.self).lowercased()
        let value = String(decoding: trimmed(content[(colon + 1)...]), as: UTF8.self)
        return key.isEmpty ? nil : (key, value)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    /// One spelling for patterns and paths: escapes of unreserved characters decoded, other escapes in
    /// upper case, and bytes outside printable ASCII escaped (RFC 9309 §2.2.2).
    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    result.append(decoded)
                } else {
                    result.append(contentsOf: escaped(decoded))
                }
                index += 3
                continue
            }
            if byte <= 0x20 || byte >= 0x7F {
                result.append(contentsOf: escaped(byte))
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    private static func escaped(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// Whether `rule` matches `path`: from its start, `*` standing for any run of bytes, and to its end
    /// only when the rule is anchored. Backtracks to the last `*` only, so it costs at most
    /// pattern length × path length.
    static func matches(_ rule: Rule, _ path: [UInt8]) -> Bool {
        let pattern = rule.pattern
        let star = UInt8(ascii: "*")
        var p = 0, s = 0
        var lastStar: Int?
        var resume = 0
        while true {
            if p == pattern.count, !rule.anchored || s == path.count { return true }
            if p < pattern.count, pattern[p] == star {
                lastStar = p
                resume = s
                p += 1
                continue
            }
            if p < pattern.count, s < path.count, pattern[p] == path[s] {
                p += 1
                s += 1
                continue
            }
            guard let star = lastStar, resume < path.count else { return false }
            resume += 1
            s = resume
            p = star + 1
        }
    }
}
