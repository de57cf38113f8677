import CCurl

/// Where the robots.txt that rules a URL lives, and the part of the URL its rules are matched against.
struct RobotsLocation: Sendable, Equatable {
    /// The origin (scheme, host and port) whose robots.txt rules the URL; robots.txt files are cached by it.
    let origin: HostKey
    /// `/robots.txt` at that origin, without the URL's user info, query or fragment: the file is public, and
    /// the credentials of one source are not sent on behalf of all the sources of its origin.
    let robotsURL: String
    /// The URL's path and query (`/a/b?c=1`), `/` for an empty path; RFC 9309 matches rules against both.
    let pathAndQuery: String

    /// The location for `url` as libcurl reads it, or nil when libcurl finds no host in it (the fetch of
    /// such a URL fails by itself).
    init?(url: String) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK else {
            return nil
        }
        let path = Self.part(CURLUPART_PATH, of: handle) ?? ""
        let query = Self.part(CURLUPART_QUERY, of: handle)
        for part in [CURLUPART_QUERY, CURLUPART_FRAGMENT, CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS] {
            curl_url_set(handle, part, nil, 0)
        }
        guard curl_url_set(handle, CURLUPART_PATH, "/robots.txt", 0) == CURLUE_OK,
              let robotsURL = Self.part(CURLUPART_URL, of: handle),
              let origin = HostKey(url: robotsURL) else { return nil }
        self.origin = origin
        self.robotsURL = robotsURL
        self.pathAndQuery = (path.isEmpty ? "/" : path) + (query.map { "?\($0)" } ?? "")
    }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
