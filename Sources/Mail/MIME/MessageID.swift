/// Stable message ids: the same digest to the same recipient always gets the same `Message-ID`.
public enum MessageID {
    /// `veilleur.HASH@domain`, HASH a hex digest of `parts` (profile, period, recipient…); `domain` is the
    /// sender's, checked by ``MailAddress``.
    public static func make(_ parts: [String], domain: Substring) -> String {
        "veilleur.\(hash(parts.joined(separator: "\u{0}")))@\(domain)"
    }

    /// 64-bit FNV-1a of `text`'s UTF-8 bytes, as 16 hex digits: stable across runs and platforms, unlike `Hasher`.
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
