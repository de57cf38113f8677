import Foundation

/// The rule for `contact`: an address a site owner can use, fit to sit inside the User-Agent's comment.
enum ContactAddress {
    /// Longest contact accepted, in UTF-8 bytes.
    static let maximumBytes = 256

    /// Why `text` cannot be the contact, or nil when it can.
    static func problem(with text: String) -> String? {
        guard text.utf8.count <= maximumBytes else { return "contact is longer than \(maximumBytes) bytes" }
        // Printable ASCII only: it is sent in a header. Parentheses would end the User-Agent comment it sits in.
        if let character = text.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) || $0 == "(" || $0 == ")" }) {
            return "contact holds the character \(character.codePoint); expected a URL or a mailto: address without spaces or parentheses"
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("mailto:") {
            let address = text.dropFirst("mailto:".count)
            guard let at = address.firstIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex else {
                return "contact '\(text)' is not a mail address; expected mailto:name@example.org"
            }
            return nil
        }
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
              let host = URLComponents(string: text)?.host, !host.isEmpty else {
            return "contact '\(text)' is neither an http(s) URL nor a mailto: address; e.g. https://example.org/bot or mailto:veille@example.org"
        }
        return nil
    }
}
