import Foundation

/// A mailbox: an ASCII address (`local@domain`) and an optional display name.
///
/// Addresses come from configuration files, which are untrusted input: only the plain dot-atom form is
/// accepted (no quoted local parts, comments, IP literals or internationalised addresses), so that an
/// address can be written in a header or an SMTP command as it is, and a line break can never reach one.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, as given.
    public let address: String
    /// The name shown beside the address; nil when none was given.
    public let displayName: String?

    /// Longest address accepted, in bytes (RFC 5321's path limit less the angle brackets).
    public static let maximumAddressBytes = 254
    /// Longest local part accepted, in bytes (RFC 5321).
    public static let maximumLocalBytes = 64
    /// Longest display name accepted, in bytes.
    public static let maximumNameBytes = 200

    /// Checks `address` and `displayName`; the error names what is wrong.
    public init(address: String, displayName: String? = nil) throws(MailError) {
        if let problem = Self.problem(withAddress: address) {
            throw MailError(field: "address", message: problem)
        }
        if let displayName, let problem = Self.problem(withName: displayName) {
            throw MailError(field: "display name", message: problem)
        }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `name@example.org` or `Display Name <name@example.org>` (the name may be in double quotes).
    public init(parsing text: String) throws(MailError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            try self.init(address: trimmed)
            return
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
        }
        try self.init(address: address, displayName: name.isEmpty ? nil : name)
    }

    /// The part after `@`.
    public var domain: Substring {
        address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...]
    }

    /// `Name <address>` or the bare address.
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    /// Why `text` is not an address this module writes, or nil.
    public static func problem(withAddress text: String) -> String? {
        guard !text.isEmpty else { return "the address is empty" }
        guard text.utf8.count <= maximumAddressBytes else { return "the address is longer than \(maximumAddressBytes) bytes" }
        if let scalar = text.unicodeScalars.first(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return "the address holds the character \(Self.codePoint(scalar)); write it in plain ASCII without spaces"
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "'\(text)' is not an address; expected name@example.org"
        }
        let (local, domain) = (parts[0], parts[1])
        guard local.utf8.count <= maximumLocalBytes else { return "the part before @ is longer than \(maximumLocalBytes) bytes" }
        guard isDotAtom(local, allowed: isAtomCharacter) else {
            return "the part before @ of '\(text)' may hold letters, digits, dots (not first, last or doubled) and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -"
        }
        guard isHostName(domain) else {
            return "the domain of '\(text)' is not a host name; expected labels of letters, digits and inner hyphens separated by dots"
        }
        return nil
    }

    /// Why `text` cannot be a display name, or nil.
    public static func problem(withName text: String) -> String? {
        guard text.utf8.count <= maximumNameBytes else { return "the display name is longer than \(maximumNameBytes) bytes" }
        if let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return "the display name holds the control character \(Self.codePoint(scalar))"
        }
        return nil
    }

    /// Whether `text` is a host name of letters, digits and inner hyphens, in labels of 1 to 63 bytes.
    static func isHostName<S: StringProtocol>(_ text: S) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }

    /// Whether `text` is atoms of `allowed` characters joined by single dots.
    static func isDotAtom<S: StringProtocol>(_ text: S, allowed: (Unicode.Scalar) -> Bool) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed) }
    }

    /// RFC 5322's `atext`.
    static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
