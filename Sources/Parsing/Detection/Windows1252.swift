/// Windows-1252 to UTF-8, done here rather than by iconv: iconv refuses the five bytes windows-1252 leaves
/// undefined and libxml2 then stops reading, and Latin-1 labels on French text nearly always mean
/// windows-1252 (œ, €, typographic quotes), as browsers assume (WHATWG Encoding: "iso-8859-1" is windows-1252).
enum Windows1252 {
    /// The code points of bytes 0x80–0x9F; the five undefined bytes map to the C1 control of the same value.
    private static let highControls: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Labels read as windows-1252.
    static let labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252",
        "us-ascii", "ascii",
    ]

    static func isLabel(_ name: String) -> Bool { labels.contains(name.lowercased()) }

    /// What a C1 control (U+0080–U+009F) meant in the windows-1252 text it came from; the five code
    /// points windows-1252 leaves undefined stay as they are.
    static func scalar(forC1 value: UInt32) -> UInt32 {
        guard (0x80...0x9F).contains(value) else { return value }
        return highControls[Int(value - 0x80)]
    }

    /// The whole of `bytes` read as windows-1252, as UTF-8.
    ///
    /// Measured first, then written in place: appended byte by byte, a fifth of the feeds (those in Latin-1)
    /// cost more to convert than to detect.
    static func utf8(from bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var length = bytes.count
        for byte in bytes where byte >= 0x80 { length += encoded(byte).count - 1 }
        return [UInt8](unsafeUninitializedCapacity: length) { output, written in
            for byte in bytes {
                guard byte >= 0x80 else {
                    output[written] = byte
                    written += 1
                    continue
                }
                let (units, count) = encoded(byte)
                output[written] = units.0
                output[written + 1] = units.1
                if count == 3 { output[written + 2] = units.2 }
                written += count
            }
        }
    }

    /// The UTF-8 of the character windows-1252 gives `byte`: its first `count` units (windows-1252 has
    /// nothing beyond U+FFFF, so three at most).
    private static func encoded(_ byte: UInt8) -> (units: (UInt8, UInt8, UInt8), count: Int) {
        let scalar = (0x80..<0xA0).contains(byte) ? highControls[Int(byte - 0x80)] : UInt32(byte)
        switch scalar {
        case ..<0x80: return ((UInt8(scalar), 0, 0), 1)
        case ..<0x800: return ((0xC0 | UInt8(scalar >> 6), 0x80 | UInt8(scalar & 0x3F), 0), 2)
        default: return ((0xE0 | UInt8(scalar >> 12), 0x80 | UInt8((scalar >> 6) & 0x3F), 0x80 | UInt8(scalar & 0x3F)), 3)
        }
    }

    /// `bytes` with every byte that is not part of a valid UTF-8 sequence read as windows-1252: mends UTF-8
    /// text with a few Latin-1 bytes pasted in. When stray bytes outnumber the valid sequences, the text is
    /// no UTF-8 at all and the few sequences that look valid are accidents ("Ã©" in Latin-1), so the whole
    /// is read as windows-1252. Nil when the bytes are valid UTF-8 already.
    static func repairingUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let (valid, invalid) = sequenceCounts(bytes)
        guard invalid > 0 else { return nil }
        return invalid >= valid ? utf8(from: bytes) : mendingStrayBytes(bytes)
    }

    /// `bytes` with every byte that is not part of a valid UTF-8 sequence read as windows-1252, whatever their
    /// number; nil when the bytes are valid UTF-8 already.
    static func mendingUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        sequenceCounts(bytes).invalid > 0 ? mendingStrayBytes(bytes) : nil
    }

    /// Whether the first `count` bytes or so are valid UTF-8: the end is moved past the continuation bytes
    /// there, so that no sequence is cut.
    static func startsWithValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        var end = min(count, bytes.count)
        while end < bytes.count, end < count + 3, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return sequenceCounts(UnsafeBufferPointer(rebasing: bytes[..<end])).invalid == 0
    }

    /// The valid multibyte sequences and the stray bytes in `bytes`. Runs of ASCII, most of any feed, are
    /// skipped eight bytes at a time: this pass reads every document.
    private static func sequenceCounts(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0
        var invalid = 0
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index < bytes.count {
            if index + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            } else if bytes[index] < 0x80 {
                index += 1
            } else if bytes[index] >= 0xC2, bytes[index] <= 0xDF, index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 {
                // Two-byte sequences, the accented letters of Latin scripts, checked inline.
                valid += 1
                index += 2
            } else if case let length = validSequenceLength(bytes, at: index), length > 0 {
                valid += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (valid, invalid)
    }

    /// `bytes` with each byte outside a valid UTF-8 sequence read as windows-1252, the sequences kept.
    private static func mendingStrayBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let length = bytes[index] < 0x80 ? 1 : validSequenceLength(bytes, at: index)
            if length > 0 {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            } else {
                append(bytes[index], to: &output)
                index += 1
            }
        }
        return output
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (Unicode table 3-7), or 0.
    private static func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let secondRange: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF: (secondRange, length) = (0x80...0xBF, 2)
        case 0xE0: (secondRange, length) = (0xA0...0xBF, 3)
        case 0xE1...0xEC, 0xEE...0xEF: (secondRange, length) = (0x80...0xBF, 3)
        case 0xED: (secondRange, length) = (0x80...0x9F, 3)
        case 0xF0: (secondRange, length) = (0x90...0xBF, 4)
        case 0xF1...0xF3: (secondRange, length) = (0x80...0xBF, 4)
        case 0xF4: (secondRange, length) = (0x80...0x8F, 4)
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    private static func append(_ byte: UInt8, to output: inout [UInt8]) {
        let (units, count) = encoded(byte)
        output.append(units.0)
        if count > 1 { output.append(units.1) }
        if count > 2 { output.append(units.2) }
    }
}
