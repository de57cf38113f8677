/// RFC 822 / RFC 2822 dates and the free-form variants seen in feeds: words and numbers in any usual
/// order (`Tue, 03 Jun 2003 09:39:21 GMT`, `Jun 3 2003 9:39 PM`, `5 mars 2026 à 10h30`).
///
/// Each token is classified by its shape; unknown words make the whole string rejected, so that
/// prose is never read as a date.
enum LooseDateParser {
    static func parse(_ bytes: ArraySlice<UInt8>) -> DateFields? {
        var state = State()
        var scanner = DateScanner(bytes)
        while true {
            scanner.skipSpaces()
            guard let byte = scanner.peek else { break }
            if DateScanner.isLetter(byte) {
                let word = String(decoding: scanner.word(), as: UTF8.self)
                guard state.take(word: word) else { return nil }
            } else if DateScanner.isDigit(byte) {
                guard state.takeNumber(&scanner) else { return nil }
            } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && state.hasTime,
                      let offset = NumericZone.read(&scanner) {
                state.numericOffset = offset
            } else if byte == UInt8(ascii: "(") {
                // RFC 822 comments, e.g. "-0800 (PST)", repeat what the offset already says.
                while let next = scanner.peek, next != UInt8(ascii: ")") { scanner.index += 1 }
                scanner.index += 1
            } else {
                scanner.index += 1
            }
        }
        return state.fields
    }

    private struct State {
        var year: Int?
        var yearDigits = 0
        var month: Int?
        var day: Int?
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var hasTime = false
        var meridiem: String?
        var namedOffset: Int?
        var numericOffset: Int?

        mutating func take(word: String) -> Bool {
            if let value = DateWords.month(word) {
                guard month == nil else { return false }
                month = value
            } else if DateWords.isWeekday(word) {
                return true
            } else if hasTime, namedOffset == nil, numericOffset == nil, let offset = DateWords.zoneOffset(word) {
                namedOffset = offset
            } else if month == nil, let value = DateWords.monthByPrefix(word) {
                month = value
            } else if word == "am" || word == "pm" {
                meridiem = word
            } else if !DateWords.fillers.contains(word) {
                return false
            }
            return true
        }

        mutating func takeNumber(_ scanner: inout DateScanner) -> Bool {
            guard let number = scanner.number() else { return false }
            let next = scanner.peek
            // French hours, "10h30", also set in capitals: "10H30".
            let timeSeparator = next == UInt8(ascii: ":") || next == UInt8(ascii: "h") || next == UInt8(ascii: "H")
            if timeSeparator, !hasTime, number.digits <= 2 {
                return readTime(hour: number.value, &scanner)
            }
            if number.digits == 4, year == nil {
                year = number.value
                yearDigits = 4
            } else if number.digits <= 2, day == nil {
                day = number.value
            } else if number.digits <= 2, year == nil {
                year = number.value
                yearDigits = number.digits
            } else {
                return false
            }
            return true
        }

        private mutating func readTime(hour: Int, _ scanner: inout DateScanner) -> Bool {
            scanner.index += 1
            guard let minute = scanner.number(maxDigits: 2) else {
                // "10h" alone is a whole hour in French usage.
                guard scanner.bytes[scanner.index - 1] | 0x20 == UInt8(ascii: "h") else { return false }
                self.hour = hour
                hasTime = true
                return true
            }
            self.hour = hour
            self.minute = minute.value
            if scanner.consume(UInt8(ascii: ":")) {
                guard let second = scanner.number(maxDigits: 2) else { return false }
                self.second = second.value
                fraction = scanner.fraction()
            }
            hasTime = true
            return true
        }

        var fields: DateFields? {
            guard var year, let month, let day else { return nil }
            if yearDigits < 4 {
                // RFC 2822 §4.3: two-digit years below 50 are 20xx, the others 19xx.
                year += year < 50 ? 2000 : 1900
            }
            var hour = self.hour
            switch meridiem {
            case "pm" where hour < 12: hour += 12
            case "am" where hour == 12: hour = 0
            default: break
            }
            return DateFields(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                fraction: fraction, offset: numericOffset ?? namedOffset ?? 0
            )
        }
    }
}
