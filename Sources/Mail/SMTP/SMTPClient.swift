import CCurl
import Foundation

/// Sends messages through libcurl's SMTP, one easy handle per message on a thread of its own, so that a
/// slow server never holds a thread of Swift's cooperative pool.
///
/// Each call is one SMTP session: `MAIL FROM`, one `RCPT TO` per recipient (any refusal fails the whole
/// message), `DATA`. libcurl does the dot-stuffing and the STARTTLS upgrade, and its timeouts bound the call.
public struct SMTPClient: Sendable {
    /// The server messages go to.
    public let server: SMTPServer

    public init(server: SMTPServer) {
        self.server = server
    }

    /// Sends `message` (as ``MailMessage/rendered()`` returns it) from `sender` to `recipients`.
    public func send(_ message: [UInt8], from sender: MailAddress, to recipients: [MailAddress]) async throws(SMTPError) {
        let server = self.server
        let result: Result<Void, SMTPError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { () throws(SMTPError) in
                    try SMTPTransfer(server: server, sender: sender, recipients: recipients, body: message).perform()
                })
            }
        }
        try result.get()
    }
}

/// One message's easy handle and what its callbacks read, owned by the thread that performs it.
private final class SMTPTransfer {
    let server: SMTPServer
    let sender: MailAddress
    let recipients: [MailAddress]
    let body: [UInt8]
    /// How much of `body` libcurl has read.
    var offset = 0

    init(server: SMTPServer, sender: MailAddress, recipients: [MailAddress], body: [UInt8]) {
        self.server = server
        self.sender = sender
        self.recipients = recipients
        self.body = body
    }

    func perform() throws(SMTPError) {
        guard SMTPCurlGlobal.isInitialized else { throw failure(code: CURLE_FAILED_INIT, message: "libcurl could not be initialised") }
        guard let easy = curl_easy_init() else { throw failure(code: CURLE_FAILED_INIT, message: "libcurl gave no handle") }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_easy_cleanup(easy)
            curl_slist_free_all(recipientList)
            errorBuffer.deallocate()
        }
        for recipient in recipients {
            // Addresses are checked by MailAddress: no line break or angle bracket can reach the command.
            guard let extended = curl_slist_append(recipientList, "<\(recipient.address)>") else {
                throw failure(code: CURLE_OUT_OF_MEMORY, message: "out of memory listing recipients")
            }
            recipientList = extended
        }
        try configure(easy, errorBuffer: errorBuffer, recipients: recipientList)
        let code = withExtendedLifetime(self) { curl_easy_perform(easy) }
        guard code == CURLE_OK else {
            var reply = 0
            _ = veilleur_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &reply)
            let buffered = String(cString: errorBuffer)
            throw failure(code: code, reply: reply, message: buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered)
        }
    }

    private func configure(
        _ easy: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>, recipients: UnsafeMutablePointer<curl_slist>?
    ) throws(SMTPError) {
        // The URL's path is the name given in EHLO: the sender's domain rather than libcurl's "localhost".
        let url = "\(server.url)/\(sender.domain)"
        try check(veilleur_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(veilleur_easy_setopt_string(easy, CURLOPT_URL, url), "URL")
        // This libcurl speaks many protocols; only SMTP may be reached, whatever the URL says.
        try check(veilleur_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "PROTOCOLS_STR")
        let tls: curl_usessl = server.security == .none ? CURLUSESSL_NONE : CURLUSESSL_ALL
        try check(veilleur_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(tls.rawValue)), "USE_SSL")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(server.connectTimeout)), "CONNECTTIMEOUT_MS")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(server.timeout)), "TIMEOUT_MS")
        if let user = server.user {
            try check(veilleur_easy_setopt_string(easy, CURLOPT_USERNAME, user), "USERNAME")
            try check(veilleur_easy_setopt_string(easy, CURLOPT_PASSWORD, server.password ?? ""), "PASSWORD")
        }
        try check(veilleur_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(sender.address)>"), "MAIL_FROM")
        try check(veilleur_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, recipients), "MAIL_RCPT")
        try check(veilleur_easy_setopt_long(easy, CURLOPT_UPLOAD, 1), "UPLOAD")
        try check(veilleur_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.count)), "INFILESIZE_LARGE")
        try check(veilleur_easy_setopt_read(easy, CURLOPT_READFUNCTION, readBody), "READFUNCTION")
        try check(veilleur_easy_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(self).toOpaque()), "READDATA")
    }

    private func check(_ code: CURLcode, _ option: String) throws(SMTPError) {
        guard code != CURLE_OK else { return }
        throw failure(code: code, message: "setting CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))")
    }

    private func failure(code: CURLcode, reply: Int = 0, message: String) -> SMTPError {
        SMTPError(server: server.url, recipients: recipients.map(\.address), curlCode: Int(code.rawValue), replyCode: reply, message: message)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
    }
}

/// Hands libcurl the next piece of the message; 0 once it is all read.
private let readBody: curl_read_callback = { buffer, size, count, userData in
    guard let buffer, let userData else { return 0 }
    let transfer = Unmanaged<SMTPTransfer>.fromOpaque(userData).takeUnretainedValue()
    let length = min(size * count, transfer.body.count - transfer.offset)
    guard length > 0 else { return 0 }
    transfer.body.withUnsafeBufferPointer { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + transfer.offset, byteCount: length)
    }
    transfer.offset += length
    return length
}

/// libcurl's process-wide initialisation for this module, done once before the first transfer.
private enum SMTPCurlGlobal {
    /// Whether `curl_global_init` succeeded; libcurl counts the calls, so the fetcher's own call is harmless.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
