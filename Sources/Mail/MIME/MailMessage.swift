import Foundation

/// One e-mail as a value: the same digest in two forms (multipart/alternative with a text/plain and a
/// text/html part, both UTF-8 and quoted-printable), with the headers a reader and a mail filter need.
///
/// ``rendered()`` is pure: the same message renders to the same bytes, so a retry sends what the first
/// attempt would have, with the same `Message-ID` (receiving servers can tell the two apart from a new mail).
public struct MailMessage: Sendable, Equatable {
    /// The sender (`From`).
    public var from: MailAddress
    /// The recipients (`To`).
    public var to: [MailAddress]
    /// The subject; any Unicode text without control characters.
    public var subject: String
    /// When the message was written (`Date`).
    public var date: Date
    /// The zone `Date` is written in.
    public var timeZone: TimeZone
    /// `Message-ID` without angle brackets: `id@domain`, both dot-atoms (see ``MessageID``).
    public var messageID: String
    /// `List-Id` (RFC 2919): a name and a dot-atom id, so that readers can filter a profile's digests.
    public var list: (name: String, id: String)?
    /// The text/plain part (the Markdown digest).
    public var text: String
    /// The text/html part (the HTML digest).
    public var html: String

    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date, timeZone: TimeZone, messageID: String,
        list: (name: String, id: String)? = nil, text: String, html: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.list = list
        self.text = text
        self.html = html
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.date == rhs.date
            && lhs.timeZone == rhs.timeZone && lhs.messageID == rhs.messageID && lhs.list?.name == rhs.list?.name
            && lhs.list?.id == rhs.list?.id && lhs.text == rhs.text && lhs.html == rhs.html
    }

    /// The message as sent: CRLF line breaks, no line over 998 bytes, ASCII only.
    /// - Throws: when a header value could inject another header (a control character in the subject or
    ///   the list name), an id is not a dot-atom, or there is no recipient.
    public func rendered() throws(MailError) -> [UInt8] {
        guard !to.isEmpty else { throw MailError(field: "To", message: "the message has no recipient") }
        try Self.checkText(subject, field: "Subject")
        try Self.checkMessageID(messageID)
        if let list {
            try Self.checkText(list.name, field: "List-Id")
            guard MailAddress.isDotAtom(list.id, allowed: MailAddress.isAtomCharacter), list.id.utf8.count <= 255 else {
                throw MailError(field: "List-Id", message: "'\(list.id)' is not a dot-atom list id")
            }
        }
        let boundary = "=_veilleur_" + MessageID.hash(messageID)
        var lines = [
            "Date: \(MailDate.format(date, in: timeZone))",
            "From: \(HeaderText.mailbox(from))",
            "To: " + to.map(HeaderText.mailbox).joined(separator: ",\r\n "),
            "Subject: \(HeaderText.unstructured(subject))",
            "Message-ID: <\(messageID)>",
        ]
        if let list { lines.append("List-Id: \(HeaderText.phrase(list.name)) <\(list.id)>") }
        lines += [
            // RFC 3834: automatic mail, so that responders do not answer it.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(body),
            ]
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private static func checkText(_ text: String, field: String) throws(MailError) {
        if let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw MailError(field: field, message: "holds the control character \(MailAddress.codePoint(scalar)), which could start another header")
        }
    }

    private static func checkMessageID(_ id: String) throws(MailError) {
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, id.utf8.count <= 250,
              parts.allSatisfy({ MailAddress.isDotAtom($0, allowed: MailAddress.isAtomCharacter) })
        else { throw MailError(field: "Message-ID", message: "'\(id)' is not id@domain made of dot-atoms") }
    }
}
