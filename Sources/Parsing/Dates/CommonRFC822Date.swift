/// The one shape most RSS feeds write their dates in, `Wed, 25 Nov 2026 09:30:00 +0100` or `… GMT`, read
/// straight from its bytes: the fields `LooseDateParser` reads in it, without the words, tables and
/// copies its general reading needs. Anything else, however close, is left to the general parsers.
enum CommonRFC822Date {
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> DateFields? {
        guard bytes.count == 29 || bytes.count == 31 else { return nil }
        for (offset, separator) in separators where bytes[offset] != separator { return nil }
        guard weekdays.contains(lowercaseLetters(bytes, at: 0)), let month = months.firstIndex(of: lowercaseLetters(bytes, at: 8)),
              let day = number(bytes, at: 5, digits: 2), let year = number(bytes, at: 12, digits: 4),
              let hour = number(bytes, at: 17, digits: 2), let minute = number(bytes, at: 20, digits: 2),
              let second = number(bytes, at: 23, digits: 2)
        else { return nil }
        let offset: Int
        if bytes.count == 29 {
            guard lowercaseLetters(bytes, at: 26) == word("gmt") else { return nil }
            offset = 0
        } else {
            let sign = bytes[26]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let zone = number(bytes, at: 27, digits: 4),
                  zone / 100 <= 14, zone % 100 < 60
            else { return nil }
            let seconds = zone / 100 * 3600 + zone % 100 * 60
            offset = sign == UInt8(ascii: "-") ? -seconds : seconds
        }
        return DateFields(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private static let separators: [(Int, UInt8)] = [
        (3, UInt8(ascii: ",")), (4, 0x20), (7, 0x20), (11, 0x20), (16, 0x20), (19, UInt8(ascii: ":")), (22, UInt8(ascii: ":")), (25, 0x20),
    ]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(word)
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map(word)

    /// Three ASCII letters in one number, for comparing names without making strings.
    private static func word(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The three bytes at `offset` as `word` packs them, lowercased when they are letters, zero when one is not.
    private static func lowercaseLetters(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        var packed: UInt32 = 0
        for byte in bytes[offset..<(offset + 3)] {
            let lower = byte | 0x20
            guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return 0 }
            packed = packed << 8 | UInt32(lower)
        }
        return packed
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, digits: Int) -> Int? {
        var value = 0
        for byte in bytes[offset..<(offset + digits)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
