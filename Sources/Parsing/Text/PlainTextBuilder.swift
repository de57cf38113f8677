/// Accumulates text while collapsing every run of whitespace to one space, with a size cap.
///
/// Works on UTF-8 bytes: text arrives from libxml2 as UTF-8 and leaves as a Swift string, so going
/// through Unicode scalars one by one would only add cost (it dominated parse time when it did).
/// The cap bounds what hostile input (entity expansion, giant pages) can make us allocate per field.
struct PlainTextBuilder {
    /// Unicode scalars kept per field at most; beyond it text is dropped.
    static let defaultLimit = 2_000_000

    private var bytes: [UInt8] = []
    private var count = 0
    private var pendingSpace = false
    /// Whether every byte appended was checked to be well-formed UTF-8 on its way in: the string is then made
    /// without the whole-text validation Swift would otherwise run again (it cost as much as collapsing did).
    private var wellFormed = true
    private let limit: Int

    init(limit: Int = PlainTextBuilder.defaultLimit) {
        self.limit = limit
    }

    var isFull: Bool { count >= limit }

    /// Makes room for about `count` bytes of text at once, rather than let the buffer grow while it fills.
    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(min(count, 4 * limit))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    /// Appends NUL-terminated UTF-8, as libxml2 hands out node content.
    mutating func append(cString: UnsafePointer<UInt8>) {
        var end = cString
        while end.pointee != 0 { end += 1 }
        append(utf8: UnsafeBufferPointer(start: cString, count: end - cString))
    }

    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        _ = append(utf8, from: 0, stop: ReadsEveryByte.self)
    }

    /// Appends the text from `index` up to the first `<` or `&`, and returns where it stopped: at that byte,
    /// at the end of `utf8`, or where the builder filled up. The HTML scanner reads markup and references
    /// there, so that its text is crossed in one pass rather than searched first and copied after.
    mutating func appendUntilMarkup(_ utf8: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        append(utf8, from: index, stop: StopsAtMarkup.self)
    }

    /// Which bytes end the text a call appends; a type rather than a flag, so that each reading is compiled
    /// with its test folded into the loops.
    private protocol TextEnd {
        /// Whether `<` and `&` end the text.
        static var atMarkup: Bool { get }
    }

    private enum ReadsEveryByte: TextEnd {
        static var atMarkup: Bool { false }
    }

    private enum StopsAtMarkup: TextEnd {
        static var atMarkup: Bool { true }
    }

    @inline(__always)
    private static func isMarkup<Stop: TextEnd>(_ byte: UInt8, _: Stop.Type) -> Bool {
        Stop.atMarkup && (byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&"))
    }

    private mutating func append<Stop: TextEnd>(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, stop: Stop.Type) -> Int {
        var index = start
        let end = utf8.count
        while index < end, count < limit {
            // Up to the cap, a space before the run included; near it, the characters are taken one by one.
            let (runEnd, scalars) = Self.wordRun(utf8, from: index, upTo: min(end, index + limit - count - 1), stop: Stop.self)
            if runEnd > index {
                if pendingSpace, count > 0 {
                    bytes.append(0x20)
                    count += 1
                }
                pendingSpace = false
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<runEnd]))
                count += scalars
                index = runEnd
                continue
            }
            let lead = utf8[index]
            if Self.isMarkup(lead, Stop.self) { return index }
            if lead > 0x20, lead < 0x80 {
                // Runs of printable ASCII, most of any text, are copied at once.
                var runEnd = index + 1
                while runEnd < end, utf8[runEnd] > 0x20, utf8[runEnd] < 0x80, !Self.isMarkup(utf8[runEnd], Stop.self) { runEnd += 1 }
                if pendingSpace, count > 0 {
                    bytes.append(0x20)
                    count += 1
                }
                pendingSpace = false
                let taken = min(runEnd - index, max(1, limit - count))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<(index + taken)]))
                count += taken
                index += taken
                continue
            }
            // A lead byte may claim continuation bytes that do not follow (text libxml2 could not decode):
            // take only those that do, or a newline after it would pass as part of the character.
            let claimed = min(index + Self.sequenceLength(lead), end)
            var next = index + 1
            while next < claimed, utf8[next] & 0xC0 == 0x80 { next += 1 }
            if Self.isSpace(utf8, from: index, length: next - index) {
                pendingSpace = true
            } else {
                if pendingSpace, count > 0 {
                    bytes.append(0x20)
                    count += 1
                }
                pendingSpace = false
                if next - index == 2, lead == 0xC2, utf8[index + 1] < 0xA0 {
                    appendWindows1252(forC1: utf8[index + 1])
                } else {
                    if wellFormed, !Self.isWellFormed(utf8, from: index, length: next - index) { wellFormed = false }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<next]))
                }
                count += 1
            }
            index = next
        }
        return index
    }

    /// The end of the run of words starting at `index` that is copied as it is, and the characters in it:
    /// printable ASCII (but for `<` and `&` when they end the text), two-byte letters (leads 0xC3–0xDF, never
    /// whitespace nor a C1 control), and single spaces between them. Copying words one at a time cost more
    /// than reading them; sixteen or eight bytes are read at once where they allow it, and one at a time
    /// around what they do not.
    @inline(__always)
    private static func wordRun<Stop: TextEnd>(
        _ utf8: UnsafeBufferPointer<UInt8>, from index: Int, upTo limit: Int, stop: Stop.Type
    ) -> (end: Int, scalars: Int) {
        var end = index
        var scalars = 0
        let count = limit
        while end < count {
            if end + 17 <= count, let taken = sixteenBytesTaken(utf8, at: end, runStart: index, stop: Stop.self) {
                end += 16
                scalars += taken
                continue
            }
            if end + 8 <= count, let taken = eightBytesTaken(utf8, at: end, runStart: index, limit: count, stop: Stop.self) {
                end += 8
                scalars += taken
                continue
            }
            let byte = utf8[end]
            if byte > 0x20, byte < 0x80, !isMarkup(byte, Stop.self) {
                end += 1
                scalars += 1
            } else if byte >= 0xC3, byte <= 0xDF, end + 1 < count, utf8[end + 1] & 0xC0 == 0x80 {
                end += 2
                scalars += 1
            } else if byte == 0x20, end > index, end + 1 < count, case let next = utf8[end + 1],
                (next > 0x20 && next < 0x80 && !isMarkup(next, Stop.self)) || (next >= 0xC3 && next <= 0xDF) {
                end += 1
                scalars += 1
            } else {
                break
            }
        }
        return (end, scalars)
    }

    /// The characters in the sixteen bytes at `start` when the byte loop of `wordRun` would take them all, nil
    /// otherwise; the byte after them, which must be there, is looked at for a space in the last place. The
    /// conditions of `eightBytesTaken`, tested on sixteen bytes at once by the vector unit: each comparison is
    /// one instruction, and the masks come out as two words, a byte of ones where a condition holds.
    @inline(__always)
    private static func sixteenBytesTaken<Stop: TextEnd>(
        _ utf8: UnsafeBufferPointer<UInt8>, at start: Int, runStart: Int, stop: Stop.Type
    ) -> Int? {
        typealias Bytes = SIMD16<UInt8>
        let raw = UnsafeRawBufferPointer(utf8)
        let bytes = raw.loadUnaligned(fromByteOffset: start, as: Bytes.self)
        // The byte after each one: what follows a lead byte or a space.
        let next = raw.loadUnaligned(fromByteOffset: start + 1, as: Bytes.self)
        let topTwo = Bytes(repeating: 0xC0)
        let continuations = bytes & topTwo .== Bytes(repeating: 0x80)
        let leads = bytes &- Bytes(repeating: 0xC3) .<= Bytes(repeating: 0xDF - 0xC3)
        let spaces = bytes .== Bytes(repeating: 0x20)
        let nextLeads = next &- Bytes(repeating: 0xC3) .<= Bytes(repeating: 0xDF - 0xC3)
        // What may follow a space: printable ASCII (but markup, when it ends the text), or a two-byte letter.
        var nextStartsWord = (next .> Bytes(repeating: 0x20) .& (next .< Bytes(repeating: 0x80))) .| nextLeads
        var refused = bytes .< Bytes(repeating: 0x20)
            .| (bytes .>= Bytes(repeating: 0x80) .& .!continuations .& .!leads)
            .| (leads .^ (next & topTwo .== Bytes(repeating: 0x80)))
        if Stop.atMarkup {
            refused .|= bytes .== Bytes(repeating: UInt8(ascii: "<")) .| (bytes .== Bytes(repeating: UInt8(ascii: "&")))
            nextStartsWord .&= next .!= Bytes(repeating: UInt8(ascii: "<")) .& (next .!= Bytes(repeating: UInt8(ascii: "&")))
        }
        refused .|= spaces .& .!nextStartsWord
        let words = unsafeBitCast(refused, to: SIMD2<UInt64>.self)
        guard words[0] | words[1] == 0 else { return nil }
        // A continuation first has its lead before the run; a lead last, its continuation after the sixteen;
        // a space first in the run is the builder's to collapse.
        let first = utf8[start]
        guard first & 0xC0 != 0x80, !leads[15], first != 0x20 || start > runStart else { return nil }
        let marks = unsafeBitCast(continuations, to: SIMD2<UInt64>.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let counted = ((marks[0] >> 7) & ones) &+ ((marks[1] >> 7) & ones)
        return 16 - Int(truncatingIfNeeded: (counted &* ones) >> 56)
    }

    /// The characters in the eight bytes at `start` when the byte loop of `wordRun` would take them all,
    /// nil otherwise: no byte below 0x20, two-byte letters (0xC3–0xDF and a continuation) whole within the
    /// eight, no other byte from 0x80, no `<` or `&` when they end the text, and spaces single, not first in
    /// the run, and followed by what the byte loop takes after a space. Each condition is a mask of the
    /// bytes' high bits.
    @inline(__always)
    private static func eightBytesTaken<Stop: TextEnd>(
        _ utf8: UnsafeBufferPointer<UInt8>, at start: Int, runStart: Int, limit: Int, stop: Stop.Type
    ) -> Int? {
        let word = UnsafeRawBufferPointer(utf8).loadUnaligned(fromByteOffset: start, as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let controls = ~(((word & lows) &+ 0x6060_6060_6060_6060) | word) & highs
        guard controls == 0 else { return nil }
        if Stop.atMarkup {
            // A byte of `word ^ c * ones` is zero exactly where `word` holds `c`.
            let lessThans = word ^ (ones &* UInt64(UInt8(ascii: "<")))
            let ampersands = word ^ (ones &* UInt64(UInt8(ascii: "&")))
            guard ((lessThans &- ones) & ~lessThans | (ampersands &- ones) & ~ampersands) & highs == 0 else { return nil }
        }
        let high = word & highs
        let leads = high & (word << 1)
        let continuations = high & ~(word << 1)
        let fromC3 = ((word & 0x1F1F_1F1F_1F1F_1F1F) &+ 0x7D7D_7D7D_7D7D_7D7D) & highs
        let twoByteLeads = leads & ~(word << 2) & fromC3
        guard leads == twoByteLeads, continuations == twoByteLeads << 8, twoByteLeads >> 56 == 0 else { return nil }
        let notSpaces = word ^ 0x2020_2020_2020_2020
        let spaces = ~(((notSpaces & lows) &+ lows) | notSpaces | lows)
        if spaces != 0 {
            guard spaces & (spaces >> 8) == 0, start > runStart || spaces & 0x80 == 0 else { return nil }
            if spaces >> 56 != 0 {
                guard start + 8 < limit else { return nil }
                let next = utf8[start + 8]
                guard (next > 0x20 && next < 0x80 && !isMarkup(next, Stop.self)) || (next >= 0xC3 && next <= 0xDF) else { return nil }
            }
        }
        // One bit per byte at most: summed by a multiplication into the top byte, where `nonzeroBitCount` would
        // be a software count on the baseline x86-64 this is built for (no POPCNT), most of this function's time.
        return 8 - Int(truncatingIfNeeded: ((continuations >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// A C1 control (U+0080–U+009F) in text is a windows-1252 byte read as Latin-1 somewhere upstream (a
    /// `&#146;`, a converter that took cp1252 for ISO-8859-1): it is written as the character it meant.
    private mutating func appendWindows1252(forC1 low: UInt8) {
        let scalar = Unicode.Scalar(Windows1252.scalar(forC1: 0x80 | UInt32(low & 0x3F))) ?? "\u{FFFD}"
        bytes.append(contentsOf: String(scalar).utf8)
    }

    /// Marks a word boundary (block element, `<br>`) without adding a space at the start of the text.
    mutating func separate() {
        pendingSpace = true
    }

    /// The text collected so far, trimmed; invalid UTF-8 becomes U+FFFD.
    var text: String {
        guard wellFormed, #available(macOS 26.0, *) else { return String(decoding: bytes, as: UTF8.self) }
        // Each scalar counted is one byte exactly when the text is ASCII.
        return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: bytes.count == count))
    }

    /// `text` with whitespace runs collapsed and ends trimmed.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8(collapsed(utf8:))
    }

    /// The text a builder makes of `utf8` alone. Most short fields (links, identifiers, dates, names) are one
    /// run of words already, with nothing to collapse or trim: those become a string straight from their
    /// bytes, without a buffer filled first.
    static func collapsed(utf8: UnsafeBufferPointer<UInt8>) -> String {
        if #available(macOS 26.0, *), utf8.count < defaultLimit {
            let (end, scalars) = wordRun(utf8, from: 0, upTo: utf8.count, stop: ReadsEveryByte.self)
            // A run holds well-formed UTF-8 only, and neither starts nor ends with a space.
            if end == utf8.count { return String(copying: UTF8Span(unchecked: utf8.span, isKnownASCII: scalars == end)) }
        }
        var builder = PlainTextBuilder()
        builder.reserveCapacity(utf8.count)
        builder.append(utf8: utf8)
        return builder.text
    }

    /// Whether the `length` bytes at `index`, a lead byte and the continuation bytes that follow it, are one
    /// well-formed UTF-8 sequence: not cut short, not overlong, no surrogate, nothing above U+10FFFF.
    private static func isWellFormed(_ utf8: UnsafeBufferPointer<UInt8>, from index: Int, length: Int) -> Bool {
        let lead = utf8[index]
        guard length > 1, length == sequenceLength(lead) else { return false }
        let second = utf8[index + 1]
        switch lead {
        case 0xC0, 0xC1: return false
        case 0xE0: return second >= 0xA0
        case 0xED: return second < 0xA0
        case 0xF0: return second >= 0x90
        case 0xF4: return second < 0x90
        case 0xF5...0xF7: return false
        default: return true
        }
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for stray continuation bytes, which pass through).
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }

    /// Whitespace as Python's `str.isspace` sees it, which the reference outputs used: Unicode White_Space
    /// (ASCII blanks, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) plus
    /// the ASCII information separators U+001C–U+001F; and every other C0 control, which libxml2's HTML
    /// parser passes through into text and attributes, read as a space as `ControlCharacterFilter` does
    /// for feeds. U+0085 is not among them: it is windows-1252's ellipsis read as Latin-1 (see `append`).
    private static func isSpace(_ utf8: UnsafeBufferPointer<UInt8>, from index: Int, length: Int) -> Bool {
        let b0 = utf8[index]
        switch length {
        case 1:
            return b0 <= 0x20
        case 2:
            return b0 == 0xC2 && utf8[index + 1] == 0xA0
        case 3:
            let b1 = utf8[index + 1], b2 = utf8[index + 2]
            switch (b0, b1) {
            case (0xE1, 0x9A): return b2 == 0x80
            case (0xE2, 0x80): return (0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF
            case (0xE2, 0x81): return b2 == 0x9F
            case (0xE3, 0x80): return b2 == 0x80
            default: return false
            }
        default:
            return false
        }
    }
}
