import Foundation
import Model

/// The rule every source URL follows, shared by the reader of `sources.yaml`, the import that appends to
/// it (so that an import never writes a URL the reader would refuse) and the crawl that follows a source
/// moved for good (so that a server cannot make it fetch what no configuration could name).
public enum SourceURL {
    /// Longest URL accepted, in UTF-8 bytes: well above any feed's, and about what servers accept.
    public static let maximumBytes = 8192

    /// Why `text` cannot be a source's URL, or nil when it can.
    public static func problem(with text: String) -> String? {
        guard text.utf8.count <= maximumBytes else {
            return "the URL is longer than \(maximumBytes) bytes"
        }
        // Foundation percent-encodes these silently, but the text itself is what is fetched.
        if let character = text.unicodeScalars.first(where: isForbidden) {
            return character == " " ? "the URL holds a space; write it as %20"
                : "the URL holds the character \(character.codePoint), which a URL cannot hold; percent-encode it"
        }
        guard URL(string: text) != nil, let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased() else {
            return "invalid URL '\(URLRedaction.redacted(text))'; expected an absolute http or https URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "unsupported URL scheme '\(scheme)'; expected http or https"
        }
        guard names(host: text) else {
            return "URL '\(URLRedaction.redacted(text))' has no host"
        }
        return nil
    }

    /// Whether the authority of `text`, a URL `URLComponents` parsed, names a host once its user info and
    /// port are set aside. Read from the text: every host accessor of `URLComponents` goes through ICU's
    /// IDNA tables, which the daemon would then keep mapped (over a megabyte) for this check alone.
    static func names(host text: String) -> Bool {
        let utf8 = text.utf8
        guard let slashes = utf8.firstRange(of: "://".utf8) else { return false }
        var authority = utf8[slashes.upperBound...].prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.index(after: at)...] }
        if authority.first == UInt8(ascii: "[") { return !authority.dropFirst().prefix { $0 != UInt8(ascii: "]") }.isEmpty }
        return !authority.prefix { $0 != UInt8(ascii: ":") }.isEmpty
    }

    /// A control character or white space, which a URL cannot hold as it is. ASCII is decided without
    /// Unicode's property tables: URLs are nearly all ASCII, and those lookups were a tenth of reading
    /// `sources.yaml`.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.isControl || scalar.properties.isWhitespace }
        return scalar.value <= 0x20 || scalar.value == 0x7F
    }

    /// `text` in the form two URLs of one feed share: scheme and host lowercased, the default port and
    /// a trailing slash dropped. Good enough to spot a feed listed twice, not a canonical form.
    static func comparable(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return text }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        if (components.scheme == "http" && components.port == 80) || (components.scheme == "https" && components.port == 443) {
            components.port = nil
        }
        if components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? text
    }
}
