/// The rules of RFC 9110 for header fields, applied to the headers and user agent sent with every request:
/// a CR or LF in a value would end the header and start one the configuration never declared.
enum HTTPField {
    /// How a valid name is described in messages.
    static let nameRule = "a header name is letters, digits and !#$%&'*+-.^_`|~"
    /// How a valid value is described in messages.
    static let valueRule = "header values cannot hold control characters other than tab"

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
