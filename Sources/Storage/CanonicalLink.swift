import Foundation
import Model

/// The form of a link used to recognise one article behind several URLs.
///
/// Feeds and aggregators decorate links with campaign parameters, default ports and fragments;
/// two links that differ only in those point at the same article and must deduplicate.
public enum CanonicalLink {
    /// Query parameters that only track the reader, compared case-insensitively (plus every `utm_*`).
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "xtor", "_hsenc", "_hsmi", "mkt_tok",
    ]

    /// The canonical form of `link`: lower-case scheme and host, no default port, no fragment,
    /// no tracking parameters, remaining parameters sorted, no lone trailing `/` path.
    ///
    /// A string that does not parse as a URL is returned trimmed, so that it still deduplicates
    /// against itself.
    public static func canonicalize(_ link: String) -> String {
        let trimmed = link.trimmingWhiteSpace
        return PlainLink.canonical(trimmed) ?? canonicalizeWithComponents(trimmed)
    }

    /// ``canonicalize(_:)`` through `URLComponents`, for every link ``PlainLink`` does not vouch for.
    static func canonicalizeWithComponents(_ trimmed: String) -> String {
        guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            return trimmed
        }
        components.scheme = scheme
        if let host = components.percentEncodedHost {
            components.percentEncodedHost = host.lowercased()
        }
        if let port = components.port, port == defaultPort(scheme) {
            components.port = nil
        }
        components.percentEncodedFragment = nil
        if let items = components.percentEncodedQueryItems {
            let kept = items
                .filter { !isTracking($0.name) }
                .sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        if components.percentEncodedPath == "/" {
            components.percentEncodedPath = ""
        }
        return components.string ?? trimmed
    }

    static func isTracking(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("utm_") || trackingParameters.contains(lowered)
    }

    private static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
