/// RFC 3339 and W3C-DTF (`2003-06-03`, `2003-06-03T09:39:21.5+02:00`) plus the near misses feeds write:
/// a space for `T`, `/` for `-`, compact `20030603T093921Z`, a zone without colon or named `UTC`.
enum ISODateParser {
    static func parse(_ bytes: ArraySlice<UInt8>) -> DateFields? {
        var scanner = DateScanner(bytes)
        guard let year = scanner.fixedNumber(4) else { return nil }
        var fields = DateFields(year: year, month: 1, day: 1)
        if scanner.consume(UInt8(ascii: "-")) || scanner.consume(UInt8(ascii: "/")) {
            let separator = bytes[scanner.index - 1]
            guard let month = scanner.number(maxDigits: 2) else { return nil }
            fields.month = month.value
            if scanner.consume(separator) {
                guard let day = scanner.number(maxDigits: 2) else { return nil }
                fields.day = day.value
            }
        } else if let month = scanner.fixedNumber(2), let day = scanner.fixedNumber(2) {
            fields.month = month
            fields.day = day
        } else if !scanner.atEnd {
            return nil
        }
        guard !scanner.atEnd else { return fields }

        guard scanner.consume(UInt8(ascii: "T")) || scanner.consume(UInt8(ascii: "t")) || scanner.peek.map(DateScanner.isSpace) == true
        else { return nil }
        scanner.skipSpaces()
        guard !scanner.atEnd else { return fields }
        guard readTime(&scanner, into: &fields) else { return nil }
        scanner.skipSpaces()
        guard readZone(&scanner, into: &fields) else { return nil }
        scanner.skipSpaces()
        return scanner.atEnd ? fields : nil
    }

    /// `hh:mm[:ss[.fff]]` or compact `hhmm[ss]`.
    private static func readTime(_ scanner: inout DateScanner, into fields: inout DateFields) -> Bool {
        guard let hour = scanner.fixedNumber(2) else { return false }
        fields.hour = hour
        if scanner.consume(UInt8(ascii: ":")) {
            guard let minute = scanner.fixedNumber(2) else { return false }
            fields.minute = minute
            if scanner.consume(UInt8(ascii: ":")) {
                guard let second = scanner.fixedNumber(2) else { return false }
                fields.second = second
            }
        } else if let minute = scanner.fixedNumber(2) {
            fields.minute = minute
            fields.second = scanner.fixedNumber(2) ?? 0
        } else {
            return false
        }
        fields.fraction = scanner.fraction()
        return true
    }

    /// `Z`, `±hh:mm`, `±hhmm`, `±hh`, a zone name, or nothing (taken as UTC).
    private static func readZone(_ scanner: inout DateScanner, into fields: inout DateFields) -> Bool {
        guard let byte = scanner.peek else { return true }
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
            guard let offset = NumericZone.read(&scanner) else { return false }
            fields.offset = offset
            return true
        }
        let word = String(decoding: scanner.word(), as: UTF8.self)
        guard let offset = DateWords.zoneOffset(word) else { return false }
        fields.offset = offset
        return true
    }
}

/// A numeric UTC offset: `+hhmm`, `+hh:mm` or `+hh`.
enum NumericZone {
    /// Reads the sign and digits at the scanner; `nil` (scanner unmoved) when they do not form an offset.
    static func read(_ scanner: inout DateScanner) -> Int? {
        let start = scanner.index
        guard let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        scanner.index += 1
        var hours: Int
        var minutes = 0
        if let both = scanner.number(maxDigits: 4), both.digits == 4 {
            hours = both.value / 100
            minutes = both.value % 100
        } else {
            scanner.index = start + 1
            guard let hh = scanner.number(maxDigits: 2) else {
                scanner.index = start
                return nil
            }
            hours = hh.value
            if scanner.consume(UInt8(ascii: ":")) {
                guard let mm = scanner.fixedNumber(2) else {
                    scanner.index = start
                    return nil
                }
                minutes = mm
            }
        }
        guard hours <= 14, minutes < 60 else {
            scanner.index = start
            return nil
        }
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
