/// Where the daemon's metrics are published (`metrics:` in `veilleur.yaml`).
public struct MetricsSettings: Sendable, Equatable {
    /// The address of the HTTP endpoint serving `/metrics` (`metrics.listen`); nil: no endpoint (the default).
    public var listen: ListenAddress?
    /// Whether `STATE/metrics/veilleur.prom` is written each minute for node_exporter's textfile collector
    /// (`metrics.textfile`, on by default: one small file, no port).
    public var textfile: Bool

    public init(listen: ListenAddress? = nil, textfile: Bool = true) {
        self.listen = listen
        self.textfile = textfile
    }
}

/// An IP address and a TCP port to listen on, as `127.0.0.1:9464` or `[::1]:9464`.
///
/// Only literal addresses are taken: a host name would make where the metrics are exposed depend on
/// name resolution at start.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The IPv4 or IPv6 address, without brackets.
    public var host: String
    /// The port, 0–65535; 0 lets the kernel choose (tests).
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil unless the host is an IP literal and the port a number up to 65535.
    public init?(parsing text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
            guard host.contains(":") else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            guard Self.isIPv4(host) else { return nil }
        }
        guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCII), let number = Int(port), (0...65_535).contains(number),
              host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
        else { return nil }
        self.init(host: String(host), port: number)
    }

    /// Whether only this machine can reach the address.
    public var isLoopback: Bool {
        host == "::1" || host.hasPrefix("127.")
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
        }
    }
}
