import CUtf8proc

/// ``TextFolding``'s mapping of each scalar of the Latin-1 Supplement, Latin Extended-A and -B, general
/// punctuation, super- and subscripts and currency symbols, computed once through utf8proc: the non-ASCII
/// scalars of nearly every French and English text, which then fold by table instead of through utf8proc.
///
/// Mapping a text scalar by scalar gives what utf8proc gives for the whole text when every scalar is one
/// of these: each is a starter (canonical combining class 0) that no canonical composition takes as its
/// second part, so normalisation never joins or reorders the mappings of two neighbours, and case folding
/// and the variants ``TextFolding`` replaces are defined scalar by scalar. `LatinFoldingTests` compares the
/// two over every scalar of the table and over random texts made of them.
struct LatinFolding: Sendable {
    /// The scalars with a mapping: `[0x80, 0x250)` and `[0x2000, 0x20D0)`; combining marks for symbols
    /// follow at 0x20D0.
    private static let ranges: [Range<UInt32>] = [0x80..<0x250, 0x2000..<0x20D0]
    /// Each mapped scalar's UTF-8 bytes, one after the other: scalar `ranges[r].lowerBound + i` maps to the
    /// bytes from `starts[bases[r] + i]` to `starts[bases[r] + i + 1]`.
    private let bytes: [UInt8]
    private let starts: [Int32]

    static let fold = LatinFolding(options: TextFolding.foldOptions)
    static let caseFold = LatinFolding(options: TextFolding.caseFoldOptions)

    private init(options: utf8proc_option_t) {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for range in Self.ranges {
            for value in range {
                bytes += TextFolding.mappedByUtf8proc(String(Unicode.Scalar(value)!), options: options).utf8
                starts.append(Int32(bytes.count))
            }
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// The place of `value` in ``starts``, nil when the table has no mapping for it.
    @inline(__always)
    private static func entry(_ value: UInt32) -> Int? {
        if value < 0x250 { return value >= 0x80 ? Int(value - 0x80) : nil }
        if value >= 0x2000, value < 0x20D0 { return 0x250 - 0x80 + Int(value - 0x2000) }
        return nil
    }

    /// `text` mapped scalar by scalar (ASCII lowercased), or nil when it holds a scalar without a mapping.
    func map(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { source -> String? in
            var output: [UInt8] = []
            output.reserveCapacity(source.count + 8)
            var index = 0
            while index < source.count {
                let lead = source[index]
                if lead < 0x80 {
                    output.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                    index += 1
                    continue
                }
                let value: UInt32, width: Int
                if lead < 0xE0 {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(source[index + 1] & 0x3F)
                    width = 2
                } else if lead < 0xF0 {
                    value = UInt32(lead & 0x0F) << 12 | UInt32(source[index + 1] & 0x3F) << 6 | UInt32(source[index + 2] & 0x3F)
                    width = 3
                } else {
                    return nil
                }
                guard let entry = Self.entry(value) else { return nil }
                output += bytes[Int(starts[entry])..<Int(starts[entry + 1])]
                index += width
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}
