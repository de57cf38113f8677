/// A cursor over the bytes of a date string, with the few reads both date grammars need.
struct DateScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    /// Letters, counting every non-ASCII byte so that "févr" or "août" stay one word.
    static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }

    mutating func skipSpaces() {
        while let byte = peek, DateScanner.isSpace(byte) { index += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Reads up to `maxDigits` digits; returns the value and how many were read, or `nil` if none.
    mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
        var value = 0
        var count = 0
        while count < maxDigits, let byte = peek, DateScanner.isDigit(byte) {
            value = value * 10 + Int(byte - 0x30)
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Reads exactly `digits` digits.
    mutating func fixedNumber(_ digits: Int) -> Int? {
        let start = index
        guard let read = number(maxDigits: digits), read.digits == digits else {
            index = start
            return nil
        }
        return read.value
    }

    /// Reads `.123…` or `,123…` after seconds, as a fraction of a second.
    mutating func fraction() -> Double {
        guard let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") else { return 0 }
        let start = index
        index += 1
        var scale = 0.1
        var value = 0.0
        var any = false
        while let digit = peek, DateScanner.isDigit(digit) {
            value += Double(digit - 0x30) * scale
            scale /= 10
            any = true
            index += 1
        }
        if !any { index = start }
        return value
    }

    /// Reads a run of letters, lowercased: ASCII, and the Latin-1 capitals French words are set in
    /// ("FÉVRIER", "AOÛT", "À"); other bytes are kept as they are.
    mutating func word() -> [UInt8] {
        var result: [UInt8] = []
        while let byte = peek, DateScanner.isLetter(byte) {
            // UTF-8 C3 80–9E is À–Þ, whose lowercase is C3 A0–BE; C3 97 is "×".
            let latin1Capital = result.last == 0xC3 && (0x80...0x9E).contains(byte) && byte != 0x97
            result.append((0x41...0x5A).contains(byte) || latin1Capital ? byte + 0x20 : byte)
            index += 1
        }
        return result
    }
}
