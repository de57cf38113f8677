/// Relative links between the files of the digests directory.
enum RelativeURL {
    /// The path segments percent-encoded and joined with `/`: a profile id may hold spaces, `#` or `?`.
    static func path(_ segments: String...) -> String {
        segments.map(encode).joined(separator: "/")
    }

    private static func encode(_ segment: String) -> String {
        var output = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
