import CCurl

/// The state of one transfer, owned by the transfer thread from start to finish.
///
/// libcurl's callbacks reach it through an unretained pointer passed as user data; the thread's table
/// of active transfers keeps it alive until the easy handle has left the multi handle.
final class Transfer {
    let job: FetchJob
    let easy: UnsafeMutableRawPointer
    /// Created just before the handle joins the multi handle, where libcurl's timeouts start: so this is
    /// the start those timeouts count from.
    let started = ContinuousClock.now
    /// The most body bytes kept: the fetcher's limit, or the request's smaller prefix.
    let maxBodyBytes: Int
    var body: [UInt8] = []
    var bodyExceeded = false
    /// Set when the body was cut at the request's `keepFirstBytes`: the transfer ends early, and succeeds.
    var truncated = false
    var headers: ResponseHeaderTracker
    /// Must outlive the transfer: libcurl writes into it until the handle is cleaned up.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// libcurl keeps a pointer to the list rather than a copy.
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init?(job: FetchJob, maxBodyBytes: Int) {
        guard let easy = curl_easy_init() else { return nil }
        self.job = job
        self.easy = easy
        self.maxBodyBytes = min(maxBodyBytes, job.request.keepFirstBytes ?? .max)
        headers = ResponseHeaderTracker(requestedURL: job.request.url)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets every option of the transfer; the error names what could not be set.
    func configure(limits: FetchLimits) throws(FetchError) {
        let request = job.request
        // libcurl sends the User-Agent as given: a line break in it would inject headers into every request.
        guard !limits.userAgent.unicodeScalars.contains(where: Self.endsLine) else {
            throw FetchError(url: request.url, kind: .invalidHeader("User-Agent"), message: "the user agent contains a forbidden character")
        }
        headerList = try Self.headerList(for: request)
        let userData = Unmanaged.passUnretained(self).toOpaque()
        let lowSpeedSeconds = max(1, (limits.lowSpeedTime.roundedUpMilliseconds + 999) / 1000)

        try check(veilleur_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(veilleur_easy_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        try check(veilleur_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        try check(veilleur_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1), "FOLLOWLOCATION")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_MAXREDIRS, limits.maxRedirects), "MAXREDIRS")
        // HTTP/2 when the server offers it in the TLS handshake, HTTP/1.1 otherwise (and always over plain http).
        try check(veilleur_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)), "HTTP_VERSION")
        // No CURLOPT_PIPEWAIT: it would hold a second transfer to a host until the first one's response
        // shows whether its connection multiplexes, so a server slow to answer one source would stall the next.
        if let proxy = limits.proxy {
            // Setting it overrides the environment variables; an empty value would disable them instead.
            try check(veilleur_easy_setopt_string(easy, CURLOPT_PROXY, proxy), "PROXY")
        }
        // Empty string: offer every encoding this libcurl can decode, and decode transparently.
        try check(veilleur_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.roundedUpMilliseconds), "CONNECTTIMEOUT_MS")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, limits.totalTimeout.roundedUpMilliseconds), "TIMEOUT_MS")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond), "LOW_SPEED_LIMIT")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, lowSpeedSeconds), "LOW_SPEED_TIME")
        // Rejects early when Content-Length already tells, unless a prefix is all the request wants; the write
        // callback enforces the cap on decoded bytes.
        if request.keepFirstBytes == nil {
            try check(veilleur_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBodyBytes)), "MAXFILESIZE_LARGE")
        }
        try check(veilleur_easy_setopt_string(easy, CURLOPT_USERAGENT, limits.userAgent), "USERAGENT")
        try check(veilleur_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
        try check(veilleur_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION, receiveBody), "WRITEFUNCTION")
        try check(veilleur_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, userData), "WRITEDATA")
        try check(veilleur_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION, receiveHeader), "HEADERFUNCTION")
        try check(veilleur_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, userData), "HEADERDATA")
    }

    /// libcurl's message for a failed transfer: its error buffer, or the generic text for `code`.
    func curlMessage(_ code: CURLcode) -> String {
        let buffered = String(cString: errorBuffer)
        return buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
    }

    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code != CURLE_OK else { return }
        throw FetchError(
            url: job.request.url,
            kind: .network(code: Int(code.rawValue)),
            message: "setting CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))"
        )
    }

    private static func headerList(for request: FetchRequest) throws(FetchError) -> UnsafeMutablePointer<curl_slist>? {
        var fields: [(String, String)] = []
        // Validators come from servers: one that is unfit (stored by an older version, say) is left out,
        // so that the request goes out unconditional rather than failing for good.
        if let etag = request.etag.flatMap(HTTPValidator.entityTag) { fields.append(("If-None-Match", etag)) }
        if let lastModified = request.lastModified.flatMap(HTTPValidator.lastModified) {
            fields.append(("If-Modified-Since", lastModified))
        }
        // Configured headers are checked when the configuration is read; one that still holds a line
        // break is an error of the caller, reported on every fetch rather than sent.
        fields += request.headers.sorted { $0.key < $1.key }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in fields {
            let nameIsValid = !name.isEmpty
                && !name.unicodeScalars.contains { $0 == ":" || $0.properties.isWhitespace }
            guard nameIsValid, !value.unicodeScalars.contains(where: Self.endsLine) else {
                curl_slist_free_all(list)
                throw FetchError(url: request.url, kind: .invalidHeader(name), message: "header name or value contains a forbidden character")
            }
            // "Name;" is libcurl's spelling of a header sent with an empty value ("Name:" would remove it).
            let field = value.isEmpty ? "\(name);" : "\(name): \(value)"
            guard let extended = curl_slist_append(list, field) else {
                curl_slist_free_all(list)
                throw FetchError(url: request.url, kind: .network(code: Int(CURLE_OUT_OF_MEMORY.rawValue)), message: "out of memory building headers")
            }
            list = extended
        }
        return list
    }

    /// Whether `scalar` would end a header line or the C string libcurl copies it from: NUL, and every
    /// line break Unicode knows (LF, VT, FF, CR, NEL, the line and paragraph separators). Read by scalar,
    /// not by `Character`, whose grapheme breaking was most of the cost of building a transfer's headers.
    private static func endsLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0, 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

/// Appends decoded body bytes; returning less than given makes libcurl abort with `CURLE_WRITE_ERROR`.
private let receiveBody: curl_write_callback = { data, size, count, userData in
    guard let userData else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    guard transfer.body.count + length <= transfer.maxBodyBytes else {
        if transfer.job.request.keepFirstBytes != nil, let data {
            let room = transfer.maxBodyBytes - transfer.body.count
            data.withMemoryRebound(to: UInt8.self, capacity: room) {
                transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: room))
            }
            transfer.truncated = true
        } else {
            transfer.bodyExceeded = true
        }
        return 0
    }
    if let data, length > 0 {
        let count = transfer.body.count
        if transfer.body.capacity - count < length {
            // A quarter more, not double: as many bodies as transfers wait for their parse at once, and
            // doubling left a third of their memory unused. The extra copies cost a few µs per body.
            transfer.body.reserveCapacity(max(count + length, count + count / 4))
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }
    return length
}

/// Receives one header line at a time, for every response of the transfer.
private let receiveHeader: curl_write_callback = { data, size, count, userData in
    let length = size * count
    guard let userData, let data else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.headers.consume(UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}
