import CCurl

/// The origin a request connects to first — scheme, host and port, lower-cased — by which
/// ``FetchLimits/maxConnectionsPerHost`` counts transfers.
struct HostKey: Hashable, Sendable, CustomStringConvertible {
    let scheme: String
    let host: String
    let port: Int

    init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    /// The origin of `url` as libcurl itself reads it (so that the key names the server the transfer
    /// will really contact), or nil when libcurl finds no host in it; such a request fails as soon as
    /// it starts and so needs no per-host slot.
    init?(url: String) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        // The flags libcurl's transfers use when they parse CURLOPT_URL.
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK,
              let scheme = Self.part(CURLUPART_SCHEME, of: handle),
              let host = Self.part(CURLUPART_HOST, of: handle), !host.isEmpty,
              let port = Self.part(CURLUPART_PORT, of: handle).flatMap({ Int($0) })
        else { return nil }
        self.init(scheme: scheme, host: host, port: port)
    }

    var description: String { "\(scheme)://\(host):\(port)" }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        // CURLU_DEFAULT_PORT: a URL without a port gets its scheme's (80, 443), so both spellings share a key.
        guard curl_url_get(handle, part, &value, UInt32(CURLU_DEFAULT_PORT)) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
