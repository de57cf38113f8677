import Foundation
import Model

/// The rule for `fetch.proxy`: a URL naming a proxy libcurl speaks to, and nothing it could mistake for another.
enum ProxyURL {
    /// Proxy kinds accepted: `socks5h` resolves host names at the proxy, `socks5` locally.
    static let schemes: Set<String> = ["http", "https", "socks5", "socks5h"]

    /// Why `text` cannot be the proxy, or nil when it can.
    static func problem(with text: String) -> String? {
        guard text.utf8.count <= 2048 else { return "the proxy URL is longer than 2048 bytes" }
        if let character = text.unicodeScalars.first(where: { $0.isControl || $0.properties.isWhitespace }) {
            return "the proxy URL holds the character \(character.codePoint), which a URL cannot hold"
        }
        // Without a scheme libcurl would assume http; asking for it keeps a socks proxy from being spoken to in HTTP.
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              text.contains("://") else {
            return "invalid proxy '\(URLRedaction.redacted(text))'; expected a URL such as http://proxy.example:3128"
        }
        guard schemes.contains(scheme) else {
            return "unsupported proxy scheme '\(scheme)'; expected one of \(schemes.sorted().joined(separator: ", "))"
        }
        guard let host = components.host, !host.isEmpty else {
            return "proxy URL '\(URLRedaction.redacted(text))' has no host"
        }
        let path = components.path
        guard path.isEmpty || path == "/", components.query == nil, components.fragment == nil else {
            return "the proxy URL names a host and a port only; remove its path, query or fragment"
        }
        return nil
    }
}
