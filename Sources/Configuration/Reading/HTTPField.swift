/// The rules of RFC 9110 for header fields, applied to the headers and user agent sent with every request:
/// a CR or LF in a value would end the header and start one the configuration never declared.
enum HTTPField {
    /// How a valid name is described in messages.
    static let nameRule = "a header name is letters, digits and !#$%&'*+-.^_`|~"
    /// How a valid value is described in messages.
    static let valueRule = "header values cannot hold control characters other than tab"

    /// Most headers one source may declare under `headers`.
    static let maximumCount = 32
    /// Longest name plus value of one header, in UTF-8 bytes: servers commonly refuse a header line over 8 KiB.
    static let maximumFieldBytes = 8192

    /// Fields libcurl must set itself: overriding them would break the message's framing or send it to
    /// another virtual host than the URL names. Lower-cased.
    static let reservedNames: Set<String> = ["host", "content-length", "transfer-encoding", "connection", "te", "upgrade"]

    /// Whether `name` is a token: one or more letters, digits or `!#$%&'*+-.^_`|~`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
        }
    }

    /// The first character a value cannot hold, if any: a control character other than tab.
    static func forbiddenCharacter(inValue value: String) -> Unicode.Scalar? {
        value.unicodeScalars.first { $0.isControl && $0 != "\t" }
    }
}
