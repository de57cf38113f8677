/// Hides the secrets a source URL may carry — user info (`user:password@`) and credential-like query
/// parameters (`token=`, `apikey=`, `access_token=`…) — wherever a URL is shown or stored as text.
///
/// The request itself keeps the real URL; everything a person or a log reads goes through here. The
/// functions work on the text, not on a parsed URL, so that a URL Foundation refuses is redacted too.
public enum URLRedaction {
    /// What replaces a secret.
    public static let mask = "***"
    /// Shortest secret ``scrub(_:secretsOf:)`` looks for in free text.
    public static let minimumScrubbedLength = 4

    /// `url` with its user info and the values of credential-like query parameters replaced by ``mask``.
    public static func redacted(_ url: String) -> String {
        rewrite(url, userInfo: { _ in mask + "@" }, parameter: { name, _ in "\(name)=\(mask)" })
    }

    /// `url` without user info and without credential-like query parameters: what a URL derived from a
    /// source URL (an item link resolved against it, say) may keep.
    public static func withoutCredentials(_ url: String) -> String {
        rewrite(url, userInfo: { _ in "" }, parameter: { _, _ in nil })
    }

    /// `text` with every secret of `url` replaced by ``mask``: for messages of libraries and servers that
    /// may quote the URL, or part of it, in their own words.
    public static func scrub(_ text: String, secretsOf url: String) -> String {
        var result = text
        // Longest first, so that a secret containing another one is masked whole.
        for secret in secrets(of: url).sorted(by: { $0.count > $1.count }) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }

    /// True when a query parameter of this name usually carries a credential.
    public static func isSensitiveParameter(_ name: String) -> Bool {
        let folded = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        if exactNames.contains(folded) { return true }
        if folded.hasSuffix("key") || folded.hasSuffix("_sig") { return true }
        return fragments.contains { folded.contains($0) }
    }

    private static let exactNames: Set<String> = [
        "auth", "sig", "pwd", "pass", "sid", "jwt", "bearer",
    ]
    private static let fragments = [
        "token", "secret", "passw", "signature", "session", "credential", "authorization", "auth_", "_auth",
    ]

    /// The secret substrings of `url`: its user info (whole, and the password alone) and the values of
    /// its credential-like parameters, both as written and percent-decoded. Strings shorter than
    /// ``minimumScrubbedLength`` are left out: masking every "1" of a message would destroy it, and the
    /// URL itself is always shown through ``redacted(_:)``.
    static func secrets(of url: String) -> [String] {
        var found: [String] = []
        _ = rewrite(
            url,
            userInfo: { info in
                var parts = [info]
                if let colon = info.firstIndex(of: ":") { parts.append(String(info[info.index(after: colon)...])) }
                for part in parts {
                    found.append(part)
                    if let decoded = part.removingPercentEncodingLeniently(), decoded != part { found.append(decoded) }
                }
                return ""
            },
            parameter: { _, value in
                found.append(value)
                if let decoded = value.removingPercentEncodingLeniently(), decoded != value { found.append(decoded) }
                return nil
            })
        return found.filter { $0.count >= minimumScrubbedLength }
    }

    /// Splits `url` into scheme, authority, path, query and fragment by hand and rebuilds it with the
    /// user info and the sensitive parameters replaced by what the closures return (nil drops a parameter).
    private static func rewrite(
        _ url: String, userInfo: (String) -> String, parameter: (_ name: String, _ value: String) -> String?
    ) -> String {
        // User info needs an "@" and parameters a "?": most URLs have neither, and are returned without
        // being taken apart (a crawl redacts every source URL several times).
        guard url.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "?") }) else { return url }
        var rest = Substring(url)
        var out = ""
        if let schemeEnd = rest.firstRange(of: "://") {
            out += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                out += userInfo(String(authority[..<at]))
                out += authority[authority.index(after: at)...]
            } else {
                out += authority
            }
            rest = rest[authorityEnd...]
        }
        let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
        let fragment = rest[fragmentStart...]
        let beforeFragment = rest[..<fragmentStart]
        guard let queryStart = beforeFragment.firstIndex(of: "?") else { return out + rest }
        out += beforeFragment[...queryStart]
        var kept: [String] = []
        for pair in beforeFragment[beforeFragment.index(after: queryStart)...].split(separator: "&", omittingEmptySubsequences: false) {
            let equals = pair.firstIndex(of: "=")
            let name = String(pair[..<(equals ?? pair.endIndex)])
            let decodedName = name.removingPercentEncodingLeniently() ?? name
            guard let equals, isSensitiveParameter(decodedName) else {
                kept.append(String(pair))
                continue
            }
            if let replacement = parameter(name, String(pair[pair.index(after: equals)...])) { kept.append(replacement) }
        }
        if kept.isEmpty { out.removeLast() }
        out += kept.joined(separator: "&")
        return out + fragment
    }
}

extension String {
    /// Decodes `%XX` escapes; nil when an escape is malformed or the bytes are not UTF-8.
    fileprivate func removingPercentEncodingLeniently() -> String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
